package io.shardgate.store;

/** The store is closing or closed. */
public final class StoreClosedException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }
}
