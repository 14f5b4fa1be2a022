package io.shardgate.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Batches read from a shard.
 *
 * @param batches the batches in offset order; their {@code data} are slices of {@link #records()}
 * @param records all batches back to back, as a Kafka fetch response carries them
 * @param logStartOffset the shard's log start offset when read
 * @param highWatermark the offset after the last committed record when read
 */
public record ReadResult(List<StoredBatch> batches, ByteBuffer records, long logStartOffset, long highWatermark) {
    public ReadResult {
        batches = List.copyOf(batches);
    }

    @Override
    public ByteBuffer records() {
        return records.asReadOnlyBuffer();
    }

    /** The offset after the last batch read, or {@code from} if none was. */
    public long nextOffset(long from) {
        return batches.isEmpty() ? from : batches.get(batches.size() - 1).lastOffset() + 1;
    }
}
