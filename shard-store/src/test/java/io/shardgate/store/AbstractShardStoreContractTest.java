package io.shardgate.store;

import static io.shardgate.store.TestBatches.assertSameBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ShardStore} implementation must have. A subclass says how to open its store on the
 * same storage again (to prove durability across a close) and how to trigger retention.
 */
public abstract class AbstractShardStoreContractTest {
    protected static final long T0 = 1_700_000_000_000L;

    protected final MutableClock clock = new MutableClock(T0);
    protected ShardStore store;

    /** Opens the store under test on this test's storage; called again after {@link ShardStore#close()}. */
    protected abstract ShardStore openStore(Clock clock) throws Exception;

    /** Runs one retention pass now (it may complete asynchronously). */
    protected abstract void runRetention(ShardStore store);

    @BeforeEach
    void openStore() throws Exception {
        store = openStore(clock);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void reopen() throws Exception {
        store.close();
        store = openStore(clock);
    }

    protected static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success but failed with " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure but got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected Stream create(String name, int shards) {
        return join(store.createStream(NewStream.uniform(name, StreamOrigin.KAFKA, StreamSettings.defaults(), shards)));
    }

    protected AppendResult append(String stream, int shard, ByteBuffer batch) {
        return join(store.append(new ShardRef(stream, shard), batch));
    }

    protected List<String> readAllValues(String stream, int shard, long from) {
        ReadResult result = join(store.read(new ShardRef(stream, shard), from, Integer.MAX_VALUE));
        return TestBatches.values(result.records());
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    @Test
    void shouldCreateStreamWithUniformTilingShards() {
        // When
        Stream stream = create("orders", 3);

        // Then
        assertThat(stream.shards()).hasSize(3);
        assertThat(stream.shards()).allMatch(Shard::isOpen);
        List<HashKeyRange> ranges = stream.shards().stream().map(Shard::range).toList();
        assertThat(HashKeyRange.tiles(ranges)).isTrue();
        assertThat(stream.shard(0).range().start()).isEqualTo(BigInteger.ZERO);
        assertThat(stream.shard(2).range().end()).isEqualTo(HashKeyRange.MAX);
        assertThat(store.stream("orders")).contains(stream);
        assertThat(store.streams()).extracting(Stream::name).containsExactly("orders");
        assertThat(stream.id()).isNotNull();
        assertThat(join(store.offsets(new ShardRef("orders", 2)))).isEqualTo(new ShardOffsets(0, 0));
    }

    @Test
    void shouldRefuseCreatingAStreamTwiceOrWithRangesThatDoNotTile() {
        // Given
        create("orders", 1);

        // Then
        assertThat(failure(store.createStream(
                        NewStream.uniform("orders", StreamOrigin.KINESIS, StreamSettings.defaults(), 2))))
                .isInstanceOf(StreamExistsException.class)
                .hasMessageContaining("orders");
        HashKeyRange half = HashKeyRange.uniform(2).get(0);
        assertThat(failure(store.createStream(
                        new NewStream("gap", StreamOrigin.KINESIS, StreamSettings.defaults(), List.of(half)))))
                .isInstanceOf(InvalidStreamChangeException.class);
        assertThat(store.stream("gap")).isEmpty();
    }

    @Test
    void shouldAlterSettingsAndKeepThemAcrossReopen() throws Exception {
        // Given
        create("orders", 1);

        // When
        Stream altered = join(store.alterStream("orders", s -> s.withRetentionMs(3_600_000)
                .withStatus(StreamStatus.UPDATING)
                .withConfigs(Map.of("kafka.cleanup.policy", "compact"))));
        reopen();

        // Then
        Stream reopened = store.stream("orders").orElseThrow();
        assertThat(reopened).isEqualTo(altered);
        assertThat(reopened.settings().retentionMs()).isEqualTo(3_600_000);
        assertThat(reopened.settings().status()).isEqualTo(StreamStatus.UPDATING);
        assertThat(reopened.settings().configs()).containsEntry("kafka.cleanup.policy", "compact");
        assertThat(failure(store.alterStream("missing", s -> s))).isInstanceOf(UnknownStreamException.class);
    }

    @Test
    void shouldDeleteStreamAndGiveANewStreamOfTheSameNameNoneOfTheOldData() {
        // Given
        Stream old = create("orders", 1);
        append("orders", 0, TestBatches.of("a", "b"));

        // When
        join(store.deleteStream("orders"));

        // Then
        assertThat(store.stream("orders")).isEmpty();
        assertThat(failure(store.append(new ShardRef("orders", 0), TestBatches.of("c"))))
                .isInstanceOf(UnknownStreamException.class);
        assertThat(failure(store.read(new ShardRef("orders", 0), 0, 1024))).isInstanceOf(UnknownStreamException.class);
        assertThat(failure(store.deleteStream("orders"))).isInstanceOf(UnknownStreamException.class);

        // And when created again
        Stream fresh = create("orders", 1);
        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(join(store.offsets(new ShardRef("orders", 0)))).isEqualTo(new ShardOffsets(0, 0));
        assertThat(append("orders", 0, TestBatches.of("z")).baseOffset()).isZero();
        assertThat(readAllValues("orders", 0, 0)).containsExactly("z");
    }

    @Test
    void shouldFindStreamsByIdAndNeverHandOutAReservedIdTwice() throws Exception {
        // Given
        Stream stream = create("orders", 1);

        // Then
        assertThat(store.stream(stream.id())).contains(stream);
        assertThat(store.stream(java.util.UUID.randomUUID())).isEmpty();
        assertThat(join(store.reserveIds("producer", 100))).isZero();
        assertThat(join(store.reserveIds("producer", 1))).isEqualTo(100);
        assertThat(join(store.reserveIds("other", 5))).isZero();
        reopen();
        assertThat(join(store.reserveIds("producer", 10))).isEqualTo(101);
        join(store.deleteStream("orders"));
        assertThat(store.stream(stream.id())).isEmpty();
    }

    @Test
    void shouldAlterStoreWidePropertiesAtomicallyAndKeepThemAcrossReopen() throws Exception {
        // Given a property never set
        assertThat(join(store.property("kinesis.accountSettings"))).isEmpty();

        // When it is set, then changed from its previous value
        assertThat(join(store.alterProperty("kinesis.accountSettings", previous -> previous == null ? "a" : "x")))
                .contains("a");
        assertThat(join(store.alterProperty("kinesis.accountSettings", previous -> previous + "b")))
                .contains("ab");
        assertThat(join(store.alterProperty("other", previous -> ""))).contains("");

        // Then it is durable, and independent of streams and sequences
        reopen();
        assertThat(join(store.property("kinesis.accountSettings"))).contains("ab");
        assertThat(join(store.property("other"))).contains("");
        assertThat(store.streams()).isEmpty();
        assertThat(join(store.reserveIds("kinesis.accountSettings", 1))).isZero();

        // When removed
        assertThat(join(store.alterProperty("kinesis.accountSettings", previous -> null)))
                .isEmpty();
        assertThat(join(store.alterProperty("never", previous -> null))).isEmpty();

        // Then
        reopen();
        assertThat(join(store.property("kinesis.accountSettings"))).isEmpty();
        assertThat(join(store.property("other"))).contains("");
    }

    // ---- append and read -----------------------------------------------------------------------------------

    @Test
    void shouldAssignDenseOffsetsAndReadBatchesBackByteForByte() {
        // Given
        create("orders", 2);
        ByteBuffer first = TestBatches.of("a", "b", "c");
        ByteBuffer second = TestBatches.of("d");
        ByteBuffer third = TestBatches.random(7, 10, 100);

        // When
        AppendResult r1 = append("orders", 1, first);
        AppendResult r2 = append("orders", 1, second);
        AppendResult r3 = append("orders", 1, third);

        // Then
        assertThat(List.of(r1.baseOffset(), r1.lastOffset())).containsExactly(0L, 2L);
        assertThat(List.of(r2.baseOffset(), r2.lastOffset())).containsExactly(3L, 3L);
        assertThat(List.of(r3.baseOffset(), r3.lastOffset())).containsExactly(4L, 13L);
        assertThat(r1.duplicate()).isFalse();
        assertThat(r1.appendTimeMs()).isEqualTo(T0);

        ReadResult read = join(store.read(new ShardRef("orders", 1), 0, Integer.MAX_VALUE));
        assertThat(read.batches()).hasSize(3);
        assertThat(read.highWatermark()).isEqualTo(14);
        assertThat(read.logStartOffset()).isZero();
        assertSameBatch(read.batches().get(0).data(), first);
        assertSameBatch(read.batches().get(1).data(), second);
        assertSameBatch(read.batches().get(2).data(), third);
        assertThat(TestBatches.offsets(read.records()))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(read.batches().get(2).baseOffset()).isEqualTo(4);
        assertThat(read.batches().get(2).lastOffset()).isEqualTo(13);
        assertThat(read.batches().get(0).appendTimeMs()).isEqualTo(T0);
        assertThat(TestBatches.batch(read.batches().get(0).data()).partitionLeaderEpoch())
                .isZero();
        // the other shard is untouched
        assertThat(join(store.offsets(new ShardRef("orders", 0)))).isEqualTo(new ShardOffsets(0, 0));
    }

    @Test
    void shouldReadFromTheBatchContainingTheOffsetAndHonourMaxBytes() {
        // Given
        create("orders", 1);
        ByteBuffer a = TestBatches.of("a0", "a1", "a2");
        ByteBuffer b = TestBatches.of("b0", "b1");
        ByteBuffer c = TestBatches.of("c0");
        append("orders", 0, a);
        append("orders", 0, b);
        append("orders", 0, c);
        ShardRef ref = new ShardRef("orders", 0);

        // When reading from inside the second batch
        ReadResult fromFour = join(store.read(ref, 4, Integer.MAX_VALUE));
        // When the limit admits one batch only, or none
        ReadResult limited = join(store.read(ref, 0, a.remaining() + 1));
        ReadResult tiny = join(store.read(ref, 0, 1));
        ReadResult atEnd = join(store.read(ref, 6, 1024));

        // Then
        assertThat(fromFour.batches()).extracting(StoredBatch::baseOffset).containsExactly(3L, 5L);
        assertThat(fromFour.nextOffset(4)).isEqualTo(6);
        assertThat(limited.batches()).extracting(StoredBatch::baseOffset).containsExactly(0L);
        assertThat(tiny.batches())
                .as("the first batch is returned even if larger than maxBytes")
                .hasSize(1);
        assertThat(atEnd.batches()).isEmpty();
        assertThat(atEnd.highWatermark()).isEqualTo(6);
        assertThat(failure(store.read(ref, 7, 1024))).isInstanceOfSatisfying(OffsetOutOfRangeException.class, e -> {
            assertThat(e.highWatermark()).isEqualTo(6);
            assertThat(e.logStartOffset()).isZero();
        });
        assertThat(failure(store.read(ref, -1, 1024))).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void shouldAppendSeveralBatchesAtomicallyInOneCall() {
        // Given
        create("orders", 1);
        ByteBuffer both = TestBatches.concat(TestBatches.of("x", "y"), TestBatches.of("z"));

        // When
        AppendResult result = append("orders", 0, both);

        // Then
        assertThat(result.baseOffset()).isZero();
        assertThat(result.lastOffset()).isEqualTo(2);
        ReadResult read = join(store.read(new ShardRef("orders", 0), 0, Integer.MAX_VALUE));
        assertThat(read.batches()).extracting(StoredBatch::baseOffset).containsExactly(0L, 2L);
        assertThat(TestBatches.values(read.records())).containsExactly("x", "y", "z");
    }

    @Test
    void shouldKeepCompressedBatchesAsSent() {
        // Given
        create("orders", 1);
        ByteBuffer gzip = TestBatches.with(Compression.gzip().build(), TimestampType.CREATE_TIME, "g1", "g2");
        ByteBuffer lz4 = TestBatches.with(Compression.lz4().build(), TimestampType.CREATE_TIME, "l1");

        // When
        append("orders", 0, gzip);
        append("orders", 0, lz4);

        // Then
        ReadResult read = join(store.read(new ShardRef("orders", 0), 0, Integer.MAX_VALUE));
        assertSameBatch(read.batches().get(0).data(), gzip);
        assertSameBatch(read.batches().get(1).data(), lz4);
        assertThat(TestBatches.values(read.records())).containsExactly("g1", "g2", "l1");
    }

    @Test
    void shouldStampAppendTimeOnLogAppendTimeStreams() {
        // Given
        join(store.createStream(NewStream.uniform(
                "stamped",
                StreamOrigin.KAFKA,
                StreamSettings.defaults().withTimestampType(TimestampType.LOG_APPEND_TIME),
                1)));
        clock.set(T0 + 42);

        // When
        AppendResult result = append("stamped", 0, TestBatches.of("a", "b"));

        // Then
        MutableRecordBatch stored = TestBatches.batch(
                join(store.read(new ShardRef("stamped", 0), 0, 1024)).records());
        stored.ensureValid();
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(stored.maxTimestamp()).isEqualTo(T0 + 42).isEqualTo(result.appendTimeMs());
    }

    @Test
    void shouldRefuseInvalidBatchesWithATypedError() {
        // Given
        create("orders", 1);
        ShardRef ref = new ShardRef("orders", 0);
        ByteBuffer corrupt = ByteBuffer.wrap(TestBatches.bytes(TestBatches.of("a", "b")));
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 0x5a));
        ByteBuffer truncated = TestBatches.of("a", "b").limit(30);
        ByteBuffer trailing = TestBatches.concat(TestBatches.of("a"), ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer legacy = org.apache.kafka.common.record.internal.MemoryRecords.withRecords(
                        (byte) 1,
                        Compression.NONE,
                        new org.apache.kafka.common.record.internal.SimpleRecord("v".getBytes()))
                .buffer();
        ByteBuffer twoIdempotent = TestBatches.concat(
                TestBatches.idempotent(9, (short) 0, 0, 1), TestBatches.idempotent(9, (short) 0, 1, 1));

        // Then
        assertThat(failure(store.append(ref, corrupt))).isInstanceOf(InvalidBatchException.class);
        assertThat(failure(store.append(ref, truncated))).isInstanceOf(InvalidBatchException.class);
        assertThat(failure(store.append(ref, trailing))).isInstanceOf(InvalidBatchException.class);
        assertThat(failure(store.append(ref, ByteBuffer.allocate(0)))).isInstanceOf(InvalidBatchException.class);
        assertThat(failure(store.append(ref, ByteBuffer.wrap(new byte[100]))))
                .isInstanceOf(InvalidBatchException.class);
        assertThat(failure(store.append(ref, legacy)))
                .isInstanceOf(InvalidBatchException.class)
                .hasMessageContaining("magic");
        assertThat(failure(store.append(ref, twoIdempotent))).isInstanceOf(InvalidBatchException.class);
        assertThat(join(store.offsets(ref))).isEqualTo(new ShardOffsets(0, 0));
        // the store still works
        assertThat(append("orders", 0, TestBatches.of("ok")).baseOffset()).isZero();
    }

    @Test
    void shouldRefuseUnknownStreamsAndShards() {
        create("orders", 2);
        assertThat(failure(store.append(new ShardRef("nope", 0), TestBatches.of("a"))))
                .isInstanceOf(UnknownStreamException.class);
        assertThat(failure(store.append(new ShardRef("orders", 2), TestBatches.of("a"))))
                .isInstanceOf(UnknownShardException.class);
        assertThat(failure(store.offsets(new ShardRef("orders", 5)))).isInstanceOf(UnknownShardException.class);
        assertThat(failure(store.offsetForAppendTime(new ShardRef("nope", 0), 0)))
                .isInstanceOf(UnknownStreamException.class);
    }

    @Test
    void shouldKeepEverythingAcrossReopen() throws Exception {
        // Given
        Stream stream = create("orders", 2);
        List<ByteBuffer> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ByteBuffer batch = TestBatches.random(i, 1 + i % 4, 64);
            sent.add(batch);
            append("orders", i % 2, batch);
        }
        join(store.commitPositions("g", Map.of(new ShardRef("orders", 1), new Position(7, "meta"))));

        // When
        reopen();

        // Then
        assertThat(store.stream("orders")).contains(stream);
        for (int shard = 0; shard < 2; shard++) {
            ReadResult read = join(store.read(new ShardRef("orders", shard), 0, Integer.MAX_VALUE));
            assertThat(read.batches()).hasSize(10);
            for (int j = 0; j < 10; j++) {
                assertSameBatch(read.batches().get(j).data(), sent.get(j * 2 + shard));
            }
        }
        assertThat(join(store.positions("g"))).containsEntry(new ShardRef("orders", 1), new Position(7, "meta"));
        // and appends continue densely
        long hw = join(store.offsets(new ShardRef("orders", 0))).highWatermark();
        assertThat(append("orders", 0, TestBatches.of("after")).baseOffset()).isEqualTo(hw);
    }

    @Test
    void shouldKeepOffsetsDenseUnderConcurrentAppendsToManyShards() throws Exception {
        // Given
        int shards = 4;
        int threads = 8;
        int perThread = 200;
        create("busy", shards);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // When
            List<Future<List<long[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
                    List<long[]> acks = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int shard = (thread + i) % shards;
                        int records = 1 + (i % 3);
                        pending.add(store.append(
                                        new ShardRef("busy", shard),
                                        TestBatches.random(thread * 100_000L + i, records, 32))
                                .toCompletableFuture());
                    }
                    for (int i = 0; i < perThread; i++) {
                        AppendResult r = pending.get(i).get(30, TimeUnit.SECONDS);
                        acks.add(new long[] {(thread + i) % shards, r.baseOffset(), r.lastOffset()});
                    }
                    return acks;
                }));
            }
            Map<Long, List<long[]>> byShard = new HashMap<>();
            for (Future<List<long[]>> future : futures) {
                for (long[] ack : future.get(60, TimeUnit.SECONDS)) {
                    byShard.computeIfAbsent(ack[0], k -> new ArrayList<>()).add(ack);
                }
            }

            // Then every shard's acknowledged ranges tile [0, hw) exactly
            for (int shard = 0; shard < shards; shard++) {
                List<long[]> ranges = byShard.get((long) shard);
                ranges.sort((x, y) -> Long.compare(x[1], y[1]));
                long expected = 0;
                for (long[] range : ranges) {
                    assertThat(range[1]).isEqualTo(expected);
                    expected = range[2] + 1;
                }
                ShardRef ref = new ShardRef("busy", shard);
                assertThat(join(store.offsets(ref)).highWatermark()).isEqualTo(expected);
                ReadResult read = join(store.read(ref, 0, Integer.MAX_VALUE));
                assertThat(read.batches()).hasSize(ranges.size());
                List<Long> offsets = TestBatches.offsets(read.records());
                for (int i = 0; i < offsets.size(); i++) {
                    assertThat(offsets.get(i)).isEqualTo(i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- resharding ----------------------------------------------------------------------------------------

    @Test
    void shouldRefuseAppendsToAClosedShardAndNameItsChildren() {
        // Given
        create("split", 1);
        append("split", 0, TestBatches.of("before"));
        BigInteger middle = HashKeyRange.MAX.shiftRight(1);
        CompletableFuture<Void> waiting = store.awaitAppend(new ShardRef("split", 0), 0);

        // When
        Stream after = join(store.reshard(
                "split",
                new ShardChange(
                        Set.of(0),
                        List.of(
                                new NewShard(
                                        new HashKeyRange(BigInteger.ZERO, middle),
                                        OptionalInt.of(0),
                                        OptionalInt.empty()),
                                new NewShard(
                                        new HashKeyRange(middle.add(BigInteger.ONE), HashKeyRange.MAX),
                                        OptionalInt.of(0),
                                        OptionalInt.empty())),
                        Map.of())));

        // Then
        assertThat(after.shards()).hasSize(3);
        Shard parent = after.shard(0);
        assertThat(parent.state()).isEqualTo(ShardState.CLOSED);
        assertThat(parent.endOffset()).isEqualTo(OptionalLong.of(1));
        assertThat(parent.closedAtMs()).isEqualTo(OptionalLong.of(T0));
        assertThat(after.shard(1).parent()).isEqualTo(OptionalInt.of(0));
        assertThat(after.openShards()).extracting(Shard::index).containsExactly(1, 2);
        assertThat(failure(store.append(new ShardRef("split", 0), TestBatches.of("late"))))
                .isInstanceOf(ShardClosedException.class)
                .hasMessageContaining("[1, 2]");
        assertThat(append("split", 2, TestBatches.of("child")).baseOffset()).isZero();
        assertThat(readAllValues("split", 0, 0)).containsExactly("before");
        assertThat(waiting).succeedsWithin(Duration.ofSeconds(5));
        assertThat(store.awaitAppend(new ShardRef("split", 0), 5)).isDone();
    }

    @Test
    void shouldRefuseReshardingThatBreaksTheTilingOrTouchesClosedShards() {
        // Given
        create("s", 2);
        List<HashKeyRange> ranges = HashKeyRange.uniform(2);

        // Then: closing shard 0 without a replacement leaves a gap
        assertThat(failure(store.reshard("s", new ShardChange(Set.of(0), List.of(), Map.of()))))
                .isInstanceOf(InvalidStreamChangeException.class);
        // merging into one child works, with lineage
        Stream merged = join(store.reshard(
                "s",
                new ShardChange(
                        Set.of(0, 1),
                        List.of(new NewShard(
                                new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX),
                                OptionalInt.of(0),
                                OptionalInt.of(1))),
                        Map.of())));
        assertThat(merged.shard(2).adjacentParent()).isEqualTo(OptionalInt.of(1));
        // a closed shard cannot be closed again
        assertThat(failure(store.reshard(
                        "s", new ShardChange(Set.of(0), List.of(NewShard.root(ranges.get(0))), Map.of()))))
                .isInstanceOf(InvalidStreamChangeException.class);
        assertThat(failure(store.reshard("s", new ShardChange(Set.of(9), List.of(), Map.of()))))
                .isInstanceOf(UnknownShardException.class);
        // Kafka CreatePartitions: re-range the open shard and add one
        Stream grown = join(store.reshard(
                "s", new ShardChange(Set.of(), List.of(NewShard.root(ranges.get(1))), Map.of(2, ranges.get(0)))));
        assertThat(grown.openShards()).extracting(Shard::index).containsExactly(2, 3);
        assertThat(HashKeyRange.tiles(
                        grown.openShards().stream().map(Shard::range).toList()))
                .isTrue();
    }

    // ---- idempotence ---------------------------------------------------------------------------------------

    @Test
    void shouldDescribeTheProducersAShardRemembers() {
        create("idem", 2);
        ShardRef ref = new ShardRef("idem", 0);
        assertThat(join(store.producers(ref))).isEmpty();
        append("idem", 0, TestBatches.idempotent(11, (short) 0, 0, 3));
        append("idem", 0, TestBatches.idempotent(7, (short) 2, 0, 1));
        append("idem", 0, TestBatches.idempotent(11, (short) 0, 3, 2));
        append("idem", 1, TestBatches.idempotent(99, (short) 0, 0, 1));

        // idempotent(...) gives record i the timestamp 2000 + i
        assertThat(join(store.producers(ref)))
                .containsExactly(
                        new ProducerSnapshot(7, (short) 2, 0, 2_000), new ProducerSnapshot(11, (short) 0, 4, 2_001));
        assertThat(failure(store.producers(new ShardRef("idem", 5)))).isInstanceOf(UnknownShardException.class);
    }

    @Test
    void shouldCountTheBytesAShardStores() {
        create("sized", 2);
        ByteBuffer a = TestBatches.of("a", "bb");
        ByteBuffer b = TestBatches.random(3, 4, 100);
        append("sized", 0, a.duplicate());
        append("sized", 0, b.duplicate());
        assertThat(join(store.sizeInBytes(new ShardRef("sized", 0)))).isEqualTo(a.remaining() + b.remaining());
        assertThat(join(store.sizeInBytes(new ShardRef("sized", 1)))).isZero();
        join(store.deleteBefore(new ShardRef("sized", 0), 2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.sizeInBytes(new ShardRef("sized", 0))) == b.remaining());
    }

    @Test
    void shouldAnswerARetriedIdempotentBatchWithItsOriginalOffsets() {
        // Given
        create("idem", 1);
        AppendResult first = append("idem", 0, TestBatches.idempotent(11, (short) 0, 0, 3));
        AppendResult second = append("idem", 0, TestBatches.idempotent(11, (short) 0, 3, 2));

        // When
        AppendResult retryFirst = append("idem", 0, TestBatches.idempotent(11, (short) 0, 0, 3));
        AppendResult retrySecond = append("idem", 0, TestBatches.idempotent(11, (short) 0, 3, 2));

        // Then
        assertThat(retryFirst.duplicate()).isTrue();
        assertThat(retryFirst.baseOffset()).isEqualTo(first.baseOffset());
        assertThat(retryFirst.lastOffset()).isEqualTo(first.lastOffset());
        assertThat(retrySecond.baseOffset()).isEqualTo(second.baseOffset());
        assertThat(join(store.offsets(new ShardRef("idem", 0))).highWatermark()).isEqualTo(5);
        assertThat(readAllValues("idem", 0, 0)).hasSize(5);
    }

    @Test
    void shouldRefuseSequenceGapsAndFencedEpochs() {
        // Given
        create("idem", 1);
        ShardRef ref = new ShardRef("idem", 0);
        append("idem", 0, TestBatches.idempotent(5, (short) 2, 0, 2));

        // Then: a gap
        assertThat(failure(store.append(ref, TestBatches.idempotent(5, (short) 2, 5, 1))))
                .isInstanceOf(OutOfOrderSequenceException.class)
                .hasMessageContaining("5 (incoming seq. number), 1 (current end sequence number)");
        // an older epoch
        assertThat(failure(store.append(ref, TestBatches.idempotent(5, (short) 1, 2, 1))))
                .isInstanceOf(InvalidProducerEpochException.class);
        // a newer epoch must start at 0
        assertThat(failure(store.append(ref, TestBatches.idempotent(5, (short) 3, 2, 1))))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(append("idem", 0, TestBatches.idempotent(5, (short) 3, 0, 1)).duplicate())
                .isFalse();
        // after the bump the old epoch is fenced
        assertThat(failure(store.append(ref, TestBatches.idempotent(5, (short) 2, 2, 1))))
                .isInstanceOf(InvalidProducerEpochException.class);
        // a producer the shard never saw may start anywhere (Kafka accepts it)
        assertThat(append("idem", 0, TestBatches.idempotent(6, (short) 0, 42, 1))
                        .duplicate())
                .isFalse();
        assertThat(join(store.offsets(ref)).highWatermark()).isEqualTo(4);
    }

    @Test
    void shouldRecogniseDuplicatesOfTheLastFiveBatchesOnly() throws Exception {
        // Given seven batches of one record each
        create("idem", 1);
        for (int seq = 0; seq < 7; seq++) {
            append("idem", 0, TestBatches.idempotent(8, (short) 0, seq, 1));
        }
        reopen();

        // Then the last five are duplicates, even after a reopen
        for (int seq = 2; seq < 7; seq++) {
            AppendResult retry = append("idem", 0, TestBatches.idempotent(8, (short) 0, seq, 1));
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.baseOffset()).isEqualTo(seq);
        }
        // older ones are out of order, not silently duplicated
        assertThat(failure(store.append(new ShardRef("idem", 0), TestBatches.idempotent(8, (short) 0, 1, 1))))
                .isInstanceOf(OutOfOrderSequenceException.class);
        // and the sequence goes on
        assertThat(append("idem", 0, TestBatches.idempotent(8, (short) 0, 7, 1)).baseOffset())
                .isEqualTo(7);
    }

    @Test
    void shouldWrapSequencesAfterIntegerMaxValue() {
        create("idem", 1);
        append("idem", 0, TestBatches.idempotent(3, (short) 0, Integer.MAX_VALUE, 1));
        assertThat(append("idem", 0, TestBatches.idempotent(3, (short) 0, 0, 1)).baseOffset())
                .isEqualTo(1);
    }

    // ---- positions -----------------------------------------------------------------------------------------

    @Test
    void shouldCommitFetchAndDeletePositions() {
        // Given
        create("a", 2);
        create("b", 1);
        ShardRef a0 = new ShardRef("a", 0);
        ShardRef a1 = new ShardRef("a", 1);
        ShardRef b0 = new ShardRef("b", 0);

        // When
        join(store.commitPositions("group-1", Map.of(a0, new Position(5, ""), a1, new Position(9, "m"))));
        join(store.commitPositions("group-1", Map.of(a0, new Position(6, "again"), b0, new Position(1, ""))));
        join(store.commitPositions("group-10", Map.of(a0, new Position(100, ""))));

        // Then
        assertThat(join(store.positions("group-1")))
                .containsOnly(
                        Map.entry(a0, new Position(6, "again")),
                        Map.entry(a1, new Position(9, "m")),
                        Map.entry(b0, new Position(1, "")));
        assertThat(join(store.positions("group-10"))).containsOnly(Map.entry(a0, new Position(100, "")));
        assertThat(join(store.positions("nobody"))).isEmpty();
        assertThat(failure(store.commitPositions("group-1", Map.of(new ShardRef("zz", 0), new Position(1, "")))))
                .isInstanceOf(UnknownStreamException.class);

        assertThatThrownBy(() -> store.commitPositions("g".repeat(ShardStore.MAX_GROUP_BYTES + 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);

        join(store.deletePositions("group-1", Set.of(a1)));
        assertThat(join(store.positions("group-1"))).containsOnlyKeys(a0, b0);
        join(store.deleteStream("b"));
        assertThat(join(store.positions("group-1"))).containsOnlyKeys(a0);
        join(store.deletePositions("group-1", Collections.emptySet()));
        assertThat(join(store.positions("group-1"))).isEmpty();
        assertThat(join(store.positions("group-10"))).containsOnlyKeys(a0);
    }

    @Test
    void shouldKeepTheCommittedLeaderEpochOfAPosition() throws Exception {
        // Given
        create("a", 1);
        ShardRef a0 = new ShardRef("a", 0);

        // When
        join(store.commitPositions("epochs", Map.of(a0, new Position(12, 3, "\u00ffmeta"))));
        reopen();

        // Then
        assertThat(join(store.positions("epochs"))).containsOnly(Map.entry(a0, new Position(12, 3, "\u00ffmeta")));
        join(store.commitPositions("epochs", Map.of(a0, new Position(13, ""))));
        assertThat(join(store.positions("epochs")).get(a0).leaderEpoch()).isEqualTo(Position.NO_LEADER_EPOCH);
    }

    @Test
    void shouldSaveListAndDeleteGroupStates() throws Exception {
        // Given
        create("a", 1);
        ShardRef a0 = new ShardRef("a", 0);
        join(store.commitPositions("offsets-only", Map.of(a0, new Position(1, ""))));
        join(store.commitPositions("both", Map.of(a0, new Position(2, ""))));

        // When
        join(store.saveGroupState("both", new byte[] {1, 2}));
        join(store.saveGroupState("state-only", new byte[0]));
        join(store.saveGroupState("both", new byte[] {3}));
        reopen();

        // Then
        assertThat(join(store.groupStates())).containsOnlyKeys("both", "state-only");
        assertThat(join(store.groupStates()).get("both")).containsExactly(3);
        assertThat(join(store.groupStates()).get("state-only")).isEmpty();
        assertThat(join(store.groups())).containsExactly("both", "offsets-only", "state-only");

        join(store.deleteGroup("both"));
        assertThat(join(store.groups())).containsExactly("offsets-only", "state-only");
        assertThat(join(store.positions("both"))).isEmpty();
        join(store.deleteGroup("offsets-only"));
        join(store.deleteGroup("never-existed"));
        assertThat(join(store.groups())).containsExactly("state-only");
        assertThatThrownBy(() -> store.saveGroupState("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- time, retention, deletion -------------------------------------------------------------------------

    @Test
    void shouldFindTheFirstOffsetAppendedAtOrAfterATime() {
        // Given batches appended at T0, T0+100 (twice) and T0+200
        create("t", 1);
        ShardRef ref = new ShardRef("t", 0);
        append("t", 0, TestBatches.of("a", "b"));
        clock.set(T0 + 100);
        append("t", 0, TestBatches.of("c"));
        append("t", 0, TestBatches.of("d"));
        clock.set(T0 + 200);
        append("t", 0, TestBatches.of("e"));

        // Then
        assertThat(join(store.offsetForAppendTime(ref, 0))).hasValue(0);
        assertThat(join(store.offsetForAppendTime(ref, T0))).hasValue(0);
        assertThat(join(store.offsetForAppendTime(ref, T0 + 1))).hasValue(2);
        assertThat(join(store.offsetForAppendTime(ref, T0 + 100))).hasValue(2);
        assertThat(join(store.offsetForAppendTime(ref, T0 + 150))).hasValue(4);
        assertThat(join(store.offsetForAppendTime(ref, T0 + 201))).isEmpty();
    }

    @Test
    void shouldFindRecordsByTheirOwnTimestampsAsKafkaDoes() {
        // Given create-time records whose timestamps are not in offset order, one batch compressed
        create("ct", 1);
        ShardRef ref = new ShardRef("ct", 0);
        assertThat(join(store.maxTimestamp(ref))).isEmpty();
        append("ct", 0, TestBatches.timestamped(Compression.NONE, 100, 500, 200)); // offsets 0-2
        append("ct", 0, TestBatches.timestamped(Compression.gzip().build(), 300, 900, 900, 50)); // offsets 3-6
        append("ct", 0, TestBatches.timestamped(Compression.NONE, 400)); // offset 7

        // Then the first record in offset order with a timestamp at or above the target answers
        assertThat(join(store.offsetForTimestamp(ref, 0))).contains(new RecordTimestamp(0, 100));
        assertThat(join(store.offsetForTimestamp(ref, 150))).contains(new RecordTimestamp(1, 500));
        assertThat(join(store.offsetForTimestamp(ref, 501))).contains(new RecordTimestamp(4, 900));
        assertThat(join(store.offsetForTimestamp(ref, 901))).isEmpty();
        // And the maximum is the first record holding the largest timestamp
        assertThat(join(store.maxTimestamp(ref))).contains(new RecordTimestamp(4, 900));

        // And records before the log start are never answered
        join(store.deleteBefore(ref, 5));
        assertThat(join(store.offsetForTimestamp(ref, 0))).contains(new RecordTimestamp(5, 900));
        assertThat(join(store.maxTimestamp(ref))).contains(new RecordTimestamp(5, 900));
        join(store.deleteBefore(ref, 8));
        assertThat(join(store.offsetForTimestamp(ref, 0))).isEmpty();
        assertThat(join(store.maxTimestamp(ref))).isEmpty();
        assertThat(failure(store.maxTimestamp(new ShardRef("ct", 1)))).isInstanceOf(UnknownShardException.class);
    }

    @Test
    void shouldSearchLogAppendTimeStreamsByAppendTime() {
        join(store.createStream(NewStream.uniform(
                "lat",
                StreamOrigin.KAFKA,
                StreamSettings.defaults().withTimestampType(TimestampType.LOG_APPEND_TIME),
                1)));
        ShardRef ref = new ShardRef("lat", 0);
        append("lat", 0, TestBatches.timestamped(Compression.NONE, 9_000, 1)); // offsets 0-1 at T0
        clock.set(T0 + 100);
        append("lat", 0, TestBatches.timestamped(Compression.NONE, 5)); // offset 2 at T0+100

        assertThat(join(store.offsetForTimestamp(ref, T0 + 1))).contains(new RecordTimestamp(2, T0 + 100));
        assertThat(join(store.offsetForTimestamp(ref, 0))).contains(new RecordTimestamp(0, T0));
        assertThat(join(store.maxTimestamp(ref))).contains(new RecordTimestamp(2, T0 + 100));
    }

    @Test
    void shouldDeleteTheOldestBatchesBeyondTheRetentionInBytesButNeverTheNewest() {
        // Given a stream keeping 250 bytes per shard, with four batches of 100 bytes of values in shard 0
        join(store.createStream(NewStream.uniform(
                "sized",
                StreamOrigin.KAFKA,
                StreamSettings.defaults().withRetentionMs(-1).withRetentionBytes(250),
                2)));
        ShardRef ref = new ShardRef("sized", 0);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ByteBuffer batch = TestBatches.random(i, 1, 100);
            sizes.add(batch.remaining());
            append("sized", 0, batch);
        }
        int size = sizes.get(0);
        assertThat(sizes).containsOnly(size).allSatisfy(s -> assertThat(s).isBetween(125, 249));

        // When retention runs
        runRetention(store);

        // Then the two oldest went (the two newest, 2 x size >= 250, stay), and the empty shard is untouched
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.offsets(ref)).logStartOffset() == 2);
        assertThat(readAllValues("sized", 0, 2)).hasSize(2);
        assertThat(join(store.offsets(new ShardRef("sized", 1))).logStartOffset())
                .isZero();

        // And with a limit of 0 only the newest batch is kept, as Kafka keeps its active segment
        join(store.alterStream("sized", settings -> settings.withRetentionBytes(0)));
        runRetention(store);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.offsets(ref)).logStartOffset() == 3);
        assertThat(store.stream("sized").orElseThrow().settings().retentionBytes())
                .isZero();
    }

    @Test
    void shouldNeverLetAppendTimeGoBackwards() {
        create("t", 1);
        clock.set(T0 + 500);
        AppendResult first = append("t", 0, TestBatches.of("a"));
        clock.set(T0);
        AppendResult second = append("t", 0, TestBatches.of("b"));
        assertThat(second.appendTimeMs()).isEqualTo(first.appendTimeMs()).isEqualTo(T0 + 500);
    }

    @Test
    void shouldExpireBatchesPastRetentionAndMoveTheLogStart() {
        // Given a stream keeping data for 1 s, with batches appended at T0, T0+500 and T0+2000
        join(store.createStream(NewStream.uniform(
                "r", StreamOrigin.KINESIS, StreamSettings.defaults().withRetentionMs(1_000), 1)));
        ShardRef ref = new ShardRef("r", 0);
        append("r", 0, TestBatches.of("old1", "old2"));
        clock.set(T0 + 500);
        append("r", 0, TestBatches.of("old3"));
        clock.set(T0 + 2_000);
        append("r", 0, TestBatches.of("new"));

        // When retention runs at T0+2600 (cutoff T0+1600)
        clock.set(T0 + 2_600);
        runRetention(store);

        // Then
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.offsets(ref)).logStartOffset() == 3);
        assertThat(failure(store.read(ref, 0, 1024))).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(readAllValues("r", 0, 3)).containsExactly("new");
        assertThat(join(store.offsetForAppendTime(ref, 0))).hasValue(3);

        // And when everything has expired the log is empty but offsets keep counting
        clock.set(T0 + 10_000);
        runRetention(store);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.offsets(ref)).logStartOffset() == 4);
        assertThat(join(store.read(ref, 4, 1024)).batches()).isEmpty();
        assertThat(append("r", 0, TestBatches.of("later")).baseOffset()).isEqualTo(4);
    }

    @Test
    void shouldExpireAClosedShardOnceItsRetentionHasPassedSinceItClosed() {
        // Given a closed shard
        join(store.createStream(NewStream.uniform(
                "x", StreamOrigin.KINESIS, StreamSettings.defaults().withRetentionMs(1_000), 1)));
        append("x", 0, TestBatches.of("a"));
        join(store.reshard(
                "x",
                new ShardChange(
                        Set.of(0),
                        List.of(new NewShard(
                                new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX),
                                OptionalInt.of(0),
                                OptionalInt.empty())),
                        Map.of())));

        // When retention runs within the retention period nothing expires
        clock.set(T0 + 500);
        runRetention(store);
        // and after it the shard expires
        clock.set(T0 + 5_000);
        runRetention(store);

        // Then
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.stream("x").orElseThrow().shard(0).state() == ShardState.EXPIRED);
        assertThat(store.stream("x").orElseThrow().shard(1).state()).isEqualTo(ShardState.OPEN);
        assertThat(join(store.offsets(new ShardRef("x", 0)))).isEqualTo(new ShardOffsets(1, 1));
    }

    @Test
    void shouldDeleteRecordsBeforeAnOffset() {
        // Given
        create("d", 1);
        ShardRef ref = new ShardRef("d", 0);
        append("d", 0, TestBatches.of("a", "b", "c"));
        append("d", 0, TestBatches.of("d", "e"));

        // When the log start moves into the middle of the first batch
        assertThat(join(store.deleteBefore(ref, 1))).isEqualTo(1);

        // Then the batch holding offset 1 is still served, nothing below 1 is
        assertThat(join(store.read(ref, 1, 1024)).batches().get(0).baseOffset()).isZero();
        assertThat(failure(store.read(ref, 0, 1024))).isInstanceOf(OffsetOutOfRangeException.class);
        // moving backwards changes nothing, beyond the high watermark is refused
        assertThat(join(store.deleteBefore(ref, 0))).isEqualTo(1);
        assertThat(failure(store.deleteBefore(ref, 6))).isInstanceOf(OffsetOutOfRangeException.class);
        // up to the high watermark empties the log
        assertThat(join(store.deleteBefore(ref, 5))).isEqualTo(5);
        assertThat(join(store.offsets(ref))).isEqualTo(new ShardOffsets(5, 5));
    }

    // ---- long polls ----------------------------------------------------------------------------------------

    @Test
    void shouldSignalAppendsToLongPolls() {
        // Given
        create("poll", 2);
        ShardRef ref = new ShardRef("poll", 0);
        CompletableFuture<Void> waiting = store.awaitAppend(ref, 0);
        CompletableFuture<Void> other = store.awaitAppend(new ShardRef("poll", 1), 0);
        CompletableFuture<Void> abandoned = store.awaitAppend(ref, 0);
        abandoned.cancel(false);

        // When
        assertThat(waiting).isNotDone();
        append("poll", 0, TestBatches.of("x"));

        // Then
        assertThat(waiting).succeedsWithin(Duration.ofSeconds(5));
        assertThat(other).isNotDone();
        assertThat(store.awaitAppend(ref, 0)).isDone();
        CompletableFuture<Void> next = store.awaitAppend(ref, 1);
        assertThat(next).isNotDone();
        join(store.deleteStream("poll"));
        assertThat(next).succeedsWithin(Duration.ofSeconds(5));
        assertThat(other).succeedsWithin(Duration.ofSeconds(5));
    }
}
