package io.shardgate.store;

/** A live stream already has that name. */
public final class StreamExistsException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    public StreamExistsException(String message) {
        super(message);
    }
}
