package io.shardgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/** Real Kafka v2 record batches for store tests, built with kafka-clients. */
public final class TestBatches {
    private TestBatches() {}

    /** One batch whose records have the given values (UTF-8), keys "k0", "k1", ... */
    public static ByteBuffer of(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1_000L + i, ("k" + i).getBytes(StandardCharsets.UTF_8), utf8(values[i]));
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    /** One batch of {@code count} records of {@code valueBytes} random bytes from {@code seed}. */
    public static ByteBuffer random(long seed, int count, int valueBytes) {
        Random random = new Random(seed);
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[valueBytes];
            random.nextBytes(value);
            records[i] = new SimpleRecord(seed, ("key-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    /** One idempotent batch of {@code count} records starting at {@code sequence}. */
    public static ByteBuffer idempotent(long producerId, short epoch, int sequence, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(2_000L + i, utf8("p" + producerId + "-e" + epoch + "-s" + (sequence + i)));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, sequence, records)
                .buffer();
    }

    /** Several batches back to back in one buffer. */
    public static ByteBuffer concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer batch : batches) {
            size += batch.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer batch : batches) {
            all.put(batch.duplicate());
        }
        return all.flip();
    }

    /** A batch built with an explicit timestamp type and compression. */
    public static ByteBuffer with(Compression compression, TimestampType type, String... values) {
        MemoryRecordsBuilder builder =
                MemoryRecords.builder(ByteBuffer.allocate(1024 + 64 * values.length), compression, type, 0L);
        for (String value : values) {
            builder.append(3_000L, null, utf8(value));
        }
        return builder.build().buffer();
    }

    /** One create-time batch whose records carry the given timestamps, values "t" + timestamp. */
    public static ByteBuffer timestamped(Compression compression, long... timestamps) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
                ByteBuffer.allocate(1024 + 64 * timestamps.length), compression, TimestampType.CREATE_TIME, 0L);
        for (long timestamp : timestamps) {
            builder.append(timestamp, null, utf8("t" + timestamp));
        }
        return builder.build().buffer();
    }

    /** The values of every record in the buffer's batches, in order. */
    public static List<String> values(ByteBuffer batches) {
        List<String> values = new ArrayList<>();
        for (MutableRecordBatch batch :
                MemoryRecords.readableRecords(batches.duplicate()).batches()) {
            for (Record record : batch) {
                values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
            }
        }
        return values;
    }

    /** The offsets of every record in the buffer's batches, in order. */
    public static List<Long> offsets(ByteBuffer batches) {
        List<Long> offsets = new ArrayList<>();
        for (MutableRecordBatch batch :
                MemoryRecords.readableRecords(batches.duplicate()).batches()) {
            for (Record record : batch) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }

    /** The single batch in the buffer. */
    public static MutableRecordBatch batch(ByteBuffer buffer) {
        return MemoryRecords.readableRecords(buffer.duplicate())
                .batches()
                .iterator()
                .next();
    }

    /**
     * Asserts that a stored batch is the sent batch byte for byte, except for the two fields outside the CRC that
     * the store assigns: the base offset and the partition leader epoch.
     */
    public static void assertSameBatch(ByteBuffer stored, ByteBuffer sent) {
        assertThat(stored.remaining()).isEqualTo(sent.remaining());
        byte[] a = bytes(stored);
        byte[] b = bytes(sent);
        for (int i = 0; i < a.length; i++) {
            boolean assigned = i < 8 || (i >= 12 && i < 16);
            if (!assigned && a[i] != b[i]) {
                throw new AssertionError("stored batch differs from the sent one at byte " + i);
            }
        }
        batch(stored).ensureValid();
        assertThat(batch(stored).magic()).isEqualTo(RecordBatch.MAGIC_VALUE_V2);
    }

    public static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
