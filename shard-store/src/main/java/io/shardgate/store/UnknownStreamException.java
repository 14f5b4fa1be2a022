package io.shardgate.store;

/** No live stream has that name. */
public final class UnknownStreamException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownStreamException(String message) {
        super(message);
    }
}
