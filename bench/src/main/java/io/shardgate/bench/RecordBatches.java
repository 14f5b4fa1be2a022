package io.shardgate.bench;

import java.nio.ByteBuffer;
import java.util.Random;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Builds the Kafka v2 record batches the benchmark appends, once, before any timing. */
final class RecordBatches {
    private RecordBatches() {}

    /**
     * One uncompressed v2 batch of {@code records} records, each without key and with a {@code valueBytes} random
     * value, as a non-idempotent producer sends it; in a direct buffer when {@code direct}.
     */
    static ByteBuffer build(int records, int valueBytes, boolean direct, long seed) {
        Random random = new Random(seed);
        long now = System.currentTimeMillis();
        SimpleRecord[] simple = new SimpleRecord[records];
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueBytes];
            random.nextBytes(value);
            simple[i] = new SimpleRecord(now, null, value);
        }
        ByteBuffer heap = MemoryRecords.withRecords(Compression.NONE, simple).buffer();
        check(heap, records);
        if (!direct) {
            return heap;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(heap.remaining());
        copy.put(heap.duplicate()).flip();
        return copy;
    }

    private static void check(ByteBuffer buffer, int records) {
        int batches = 0;
        for (MutableRecordBatch batch :
                MemoryRecords.readableRecords(buffer.duplicate()).batches()) {
            batch.ensureValid();
            if (batch.magic() != RecordBatch.MAGIC_VALUE_V2 || batch.countOrNull() != records) {
                throw new IllegalStateException("unexpected batch " + batch);
            }
            batches++;
        }
        if (batches != 1) {
            throw new IllegalStateException("expected one batch, built " + batches);
        }
    }
}
