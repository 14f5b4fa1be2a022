package io.shardgate.store;

/** A producer's batch sequence does not follow the last one the store recorded for its epoch. */
public final class OutOfOrderSequenceException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
