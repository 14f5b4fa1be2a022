package io.shardgate.store;

/** The disk failed the store (disk full, I/O error); nothing of the failed write was kept. */
public final class StoreIoException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public StoreIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
