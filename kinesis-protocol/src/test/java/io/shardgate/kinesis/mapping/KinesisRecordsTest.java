package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.mapping.KinesisRecords.Incoming;
import io.shardgate.kinesis.mapping.KinesisRecords.Outgoing;
import io.shardgate.kinesis.mapping.KinesisRecords.ReadBudget;
import io.shardgate.store.StoredBatch;

/** Kinesis records ⇄ Kafka v2 batches: byte-exact data, keys, stand-ins, reserved headers, control batches. */
class KinesisRecordsTest {

    @Test
    void shouldStoreKeyValueAndExplicitHashKeyWhenBuildingABatch() {
        // Given
        List<Outgoing> records = List.of(
                new Outgoing("alpha", bytes("one"), null), new Outgoing("beta", new byte[] {0, (byte) 0xff}, "42"));

        // When
        ByteBuffer batch = KinesisRecords.batch(records, 1_000L);

        // Then kafka-clients reads one uncompressed v2 batch with our key, value, timestamp and header
        List<RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(batch).batches().forEach(batches::add);
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.magic()).isEqualTo(RecordBatch.MAGIC_VALUE_V2);
            assertThat(b.compressionType().name).isEqualTo("none");
        });
        List<Record> read = new ArrayList<>();
        batches.get(0).forEach(read::add);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).timestamp()).isEqualTo(1_000L);
        assertThat(string(read.get(0).key())).isEqualTo("alpha");
        assertThat(read.get(0).headers()).isEmpty();
        assertThat(read.get(1).headers())
                .containsExactly(new RecordHeader(KinesisRecords.EXPLICIT_HASH_KEY_HEADER, bytes("42")));
        assertThat(read.get(1).headers()[0].key()).startsWith(KinesisRecords.RESERVED_HEADER_PREFIX);
    }

    @Test
    void shouldReadRecordsByteExactWithoutHeadersWhenAKafkaProducerCompressedThem() {
        // Given a gzip batch from a Kafka producer at offsets 10.. with a header, a null key and a null value
        MemoryRecords compressed = MemoryRecords.withRecords(
                10L,
                Compression.gzip().build(),
                new SimpleRecord(5L, bytes("k"), bytes("v"), new RecordHeader[] {new RecordHeader("h", bytes("x"))}),
                new SimpleRecord(6L, null, bytes("no key")),
                new SimpleRecord(7L, bytes("tombstone"), null));
        StoredBatch stored = new StoredBatch(10, 12, 99L, compressed.buffer());

        // When
        List<Incoming> into = new ArrayList<>();
        long next = KinesisRecords.read(stored, 10, new ReadBudget(100, 1000), into);

        // Then
        assertThat(next).isEqualTo(13);
        assertThat(into).extracting(Incoming::offset).containsExactly(10L, 11L, 12L);
        assertThat(into).extracting(Incoming::appendTimeMs).containsOnly(99L);
        assertThat(into).extracting(Incoming::partitionKey).containsExactly("k", PartitionKeys.NULL_KEY, "tombstone");
        assertThat(into.get(0).data()).isEqualTo(ByteBuffer.wrap(bytes("v")));
        assertThat(into.get(2).data().remaining()).isZero();
    }

    @Test
    void shouldStopAtTheBudgetWhenTheLimitIsReachedMidBatch() {
        // Given three records at offsets 0..2
        StoredBatch stored = new StoredBatch(
                0,
                2,
                1L,
                KinesisRecords.batch(
                        List.of(
                                new Outgoing("a", bytes("1"), null),
                                new Outgoing("b", bytes("2"), null),
                                new Outgoing("c", bytes("3"), null)),
                        1L));

        // When reading from offset 1 with room for one record
        List<Incoming> into = new ArrayList<>();
        ReadBudget budget = new ReadBudget(1, 1000);
        long next = KinesisRecords.read(stored, 1, budget, into);

        // Then
        assertThat(into).extracting(Incoming::partitionKey).containsExactly("b");
        assertThat(next).isEqualTo(2);
        assertThat(budget.exhausted()).isTrue();
    }

    @Test
    void shouldAlwaysReturnTheFirstRecordWhenItAloneExceedsTheBytes() {
        // Given
        StoredBatch stored = new StoredBatch(
                0,
                1,
                1L,
                KinesisRecords.batch(
                        List.of(new Outgoing("a", new byte[100], null), new Outgoing("b", new byte[100], null)), 1L));

        // When
        List<Incoming> into = new ArrayList<>();
        long next = KinesisRecords.read(stored, 0, new ReadBudget(10, 50), into);

        // Then
        assertThat(into).hasSize(1);
        assertThat(next).isEqualTo(1);
    }

    @Test
    void shouldSkipControlBatchesWhenATransactionMarkerIsStored() {
        // Given a commit marker
        MemoryRecords marker = MemoryRecords.withEndTransactionMarker(
                5L, 1_000L, 0, 7L, (short) 0, new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        StoredBatch stored = new StoredBatch(5, 5, 1L, marker.buffer());

        // When
        List<Incoming> into = new ArrayList<>();
        long next = KinesisRecords.read(stored, 5, new ReadBudget(10, 1000), into);

        // Then nothing is shown and reading moves past it
        assertThat(into).isEmpty();
        assertThat(next).isEqualTo(6);
    }

    @Test
    void shouldShowStandInsWhenAKafkaKeyCannotBeAPartitionKey() throws NoSuchAlgorithmException {
        assertThat(PartitionKeys.fromKafkaKey(null)).isEqualTo("_sg:null");
        assertThat(PartitionKeys.fromKafkaKey(ByteBuffer.allocate(0))).isEqualTo("_sg:empty");
        byte[] notUtf8 = {(byte) 0xc3, 0x28};
        assertThat(PartitionKeys.fromKafkaKey(ByteBuffer.wrap(notUtf8)))
                .isEqualTo(PartitionKeys.DIGEST_PREFIX + HexFormat.of().formatHex(md5(notUtf8)))
                .hasSize(PartitionKeys.DIGEST_PREFIX.length() + 32);
        String longKey = "x".repeat(257);
        assertThat(PartitionKeys.fromKafkaKey(ByteBuffer.wrap(bytes(longKey))))
                .startsWith(PartitionKeys.DIGEST_PREFIX)
                .isNotEqualTo(PartitionKeys.fromKafkaKey(ByteBuffer.wrap(bytes("y".repeat(257)))));
        assertThat(PartitionKeys.fromKafkaKey(ByteBuffer.wrap(bytes("x".repeat(256)))))
                .isEqualTo("x".repeat(256));
        assertThat(PartitionKeys.fromKafkaKey(ByteBuffer.wrap(bytes("ключ")))).isEqualTo("ключ");
    }

    private static byte[] md5(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("MD5").digest(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
