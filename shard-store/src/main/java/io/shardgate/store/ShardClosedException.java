package io.shardgate.store;

/** The shard was closed by resharding and takes no more appends. */
public final class ShardClosedException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public ShardClosedException(String message) {
        super(message);
    }
}
