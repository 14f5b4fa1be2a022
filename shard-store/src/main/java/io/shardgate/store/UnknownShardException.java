package io.shardgate.store;

/** The stream has no shard with that index. */
public final class UnknownShardException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownShardException(String message) {
        super(message);
    }
}
