package io.shardgate.store;

/** The bytes are not a valid Kafka v2 record batch (magic, CRC, sizes, offsets), or break a store rule. */
public final class InvalidBatchException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidBatchException(String message) {
        super(message);
    }
}
