package io.shardgate.kinesis.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

import io.shardgate.store.StoredBatch;

/**
 * Kinesis records ⇄ Kafka v2 record batches (D1, D5), with kafka-clients' record classes.
 *
 * <p>Writing: one uncompressed batch per target shard per call; each record's key is the partition key's UTF-8
 * bytes, its value the data, byte-exact, its CreateTime the gateway's clock when the batch was built, and an
 * {@code ExplicitHashKey} travels in the header {@value #EXPLICIT_HASH_KEY_HEADER}. A record put without a partition
 * key (streams whose record distribution strategy is {@code AUTO}, ADR 0020) has a null key and the empty header
 * {@value #NO_PARTITION_KEY_HEADER}, so that readers show it without one, as AWS does, where a null Kafka key from a
 * Kafka producer shows the {@link PartitionKeys#NULL_KEY} stand-in.
 *
 * <p>Reading: the records inside stored batches, decompressed by kafka-clients when a Kafka producer compressed
 * them; control batches are skipped; headers are never shown; a null value reads as empty data; keys Kinesis cannot
 * show become {@link PartitionKeys} stand-ins.
 */
public final class KinesisRecords {

    /** Header names the gateway reserves for itself start with this (D5). */
    public static final String RESERVED_HEADER_PREFIX = "_sg.";

    /** Where the {@code ExplicitHashKey} of a Kinesis record is kept, as its decimal digits in ASCII. */
    public static final String EXPLICIT_HASH_KEY_HEADER = RESERVED_HEADER_PREFIX + "kinesis.explicit-hash-key";

    /** Marks a record put through Kinesis without a partition key (its Kafka key is null). */
    public static final String NO_PARTITION_KEY_HEADER = RESERVED_HEADER_PREFIX + "kinesis.no-partition-key";

    private static final Header[] NO_HEADERS = new Header[0];
    private static final Header[] NO_PARTITION_KEY =
            new Header[] {new RecordHeader(NO_PARTITION_KEY_HEADER, new byte[0])};
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private KinesisRecords() {}

    /**
     * A record to write: the partition key (null when an {@code AUTO} stream's producer gave none), the data and the
     * explicit hash key if the producer gave one.
     */
    public record Outgoing(String partitionKey, byte[] data, String explicitHashKey) {}

    /**
     * A record as read: its offset, its batch's append time, its partition key as Kinesis shows it (null for a record
     * put without one), its data (a view of the bytes read, not a copy: the response is written from it).
     */
    public record Incoming(long offset, long appendTimeMs, String partitionKey, ByteBuffer data) {}

    /** One batch holding {@code records} in order, timestamped {@code timestampMs}, offsets from 0. */
    public static ByteBuffer batch(List<Outgoing> records, long timestampMs) {
        SimpleRecord[] simple = new SimpleRecord[records.size()];
        for (int i = 0; i < simple.length; i++) {
            Outgoing record = records.get(i);
            if (record.partitionKey() == null) {
                simple[i] = new SimpleRecord(timestampMs, null, record.data(), NO_PARTITION_KEY);
                continue;
            }
            Header[] headers = record.explicitHashKey() == null
                    ? NO_HEADERS
                    : new Header[] {
                        new RecordHeader(
                                EXPLICIT_HASH_KEY_HEADER,
                                record.explicitHashKey().getBytes(StandardCharsets.US_ASCII))
                    };
            simple[i] = new SimpleRecord(
                    timestampMs, PartitionKeys.toKafkaKey(record.partitionKey()), record.data(), headers);
        }
        return MemoryRecords.withRecords(Compression.NONE, simple).buffer();
    }

    /** How much a read may still return; the first record always fits. */
    public static final class ReadBudget {
        private int records;
        private long bytes;
        private boolean exhausted;

        public ReadBudget(int records, long bytes) {
            this.records = records;
            this.bytes = bytes;
        }

        /** Whether a record of {@code size} bytes still fits, taking it if so; {@code first} always fits. */
        boolean take(long size, boolean first) {
            if (records == 0 || (!first && size > bytes)) {
                exhausted = true;
                return false;
            }
            records--;
            bytes -= size;
            return true;
        }

        /** Whether a record was refused: the read stops there. */
        public boolean exhausted() {
            return exhausted || records == 0;
        }
    }

    /**
     * Appends the visible records of a stored batch at or after {@code fromOffset} to {@code into}, while the budget
     * lasts. The size of a record is its data plus its partition key.
     *
     * @return the offset to continue from: after the batch if all of it was taken, else the first record refused
     */
    public static long read(StoredBatch stored, long fromOffset, ReadBudget budget, List<Incoming> into) {
        for (RecordBatch batch : MemoryRecords.readableRecords(stored.data()).batches()) {
            if (batch.isControlBatch() || batch.lastOffset() < fromOffset) {
                continue;
            }
            for (Record record : batch) {
                if (record.offset() < fromOffset) {
                    continue;
                }
                ByteBuffer data = record.hasValue() ? record.value() : EMPTY;
                String partitionKey = record.hasKey()
                        ? PartitionKeys.fromKafkaKey(record.key())
                        : putWithoutKey(record) ? null : PartitionKeys.NULL_KEY;
                long size = data.remaining() + (partitionKey == null ? 0L : partitionKey.length());
                if (!budget.take(size, into.isEmpty())) {
                    return record.offset();
                }
                into.add(new Incoming(record.offset(), stored.appendTimeMs(), partitionKey, data));
            }
        }
        return Math.max(fromOffset, stored.lastOffset() + 1);
    }

    private static boolean putWithoutKey(Record record) {
        for (Header header : record.headers()) {
            if (header.key().equals(NO_PARTITION_KEY_HEADER)) {
                return true;
            }
        }
        return false;
    }
}
