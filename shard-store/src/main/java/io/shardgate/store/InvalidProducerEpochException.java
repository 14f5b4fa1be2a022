package io.shardgate.store;

/** A producer's epoch is older than the last one the store recorded: the producer was fenced. */
public final class InvalidProducerEpochException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
