package io.shardgate.store;

/** A catalog change that would break an invariant (tiling, shard states). */
public final class InvalidStreamChangeException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidStreamChangeException(String message) {
        super(message);
    }
}
