package io.shardgate.store;

/** The offset is below the shard's log start offset or above its high watermark. */
public final class OffsetOutOfRangeException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    private final long logStartOffset;
    private final long highWatermark;

    public OffsetOutOfRangeException(String message, long logStartOffset, long highWatermark) {
        super(message);
        this.logStartOffset = logStartOffset;
        this.highWatermark = highWatermark;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }
}
