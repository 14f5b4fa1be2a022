package io.shardgate.store;

import java.nio.ByteBuffer;

/**
 * One stored batch: its bytes exactly as stored (a Kafka v2 record batch with its offsets assigned) and the
 * store's append time, which every record of the batch shares.
 */
public record StoredBatch(long baseOffset, long lastOffset, long appendTimeMs, ByteBuffer data) {
    /** A read-only view positioned at the batch's first byte. */
    @Override
    public ByteBuffer data() {
        return data.asReadOnlyBuffer();
    }
}
