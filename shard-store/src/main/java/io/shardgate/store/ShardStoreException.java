package io.shardgate.store;

/** Every failure the store reports; each protocol maps the subtypes to its wire errors in one place. */
public abstract sealed class ShardStoreException extends RuntimeException
        permits UnknownStreamException,
                UnknownShardException,
                StreamExistsException,
                ShardClosedException,
                InvalidBatchException,
                InvalidStreamChangeException,
                OffsetOutOfRangeException,
                OutOfOrderSequenceException,
                InvalidProducerEpochException,
                StoreIoException,
                StoreClosedException {

    private static final long serialVersionUID = 1L;

    protected ShardStoreException(String message) {
        super(message);
    }

    protected ShardStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
