package io.shardgate.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.shardgate.store.NewStream;
import io.shardgate.store.ReadResult;
import io.shardgate.store.RegionRead;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.TestBatches;

/**
 * Region reads of the LMDB store (ADR 0006): which batches become regions, and that each region's offset in
 * {@code data.mdb} holds exactly the batch, read with a file channel of the test's own, in both durability modes,
 * before any sync, and across map growth; and that deletions wait for leases.
 */
class LmdbRegionReadTest {
    @TempDir
    Path dir;

    private LmdbShardStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private LmdbShardStore open(LmdbStoreConfig config) {
        // Retention runs only when asked; in os durability, no periodic sync during the test.
        LmdbStoreConfig quiet = new LmdbStoreConfig(
                config.dataDir(),
                config.durability(),
                3_600_000,
                config.initialMapSizeBytes(),
                config.maxBatchBytes(),
                3_600_000,
                config.readerThreads());
        try {
            store = LmdbShardStore.open(quiet, StoreListener.NONE, Clock.systemUTC());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return store;
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void createStream(String name) {
        join(store.createStream(NewStream.uniform(name, StreamOrigin.KAFKA, StreamSettings.defaults(), 1)));
    }

    /** The bytes at each region's position of the data file, read with a channel the test opens itself. */
    private Map<Long, ByteBuffer> regionsFromFile(RegionRead read) throws IOException {
        Map<Long, ByteBuffer> bytes = new HashMap<>();
        try (FileChannel file = FileChannel.open(store.dataFilePath(), StandardOpenOption.READ)) {
            for (RegionRead.Part part : read.parts()) {
                if (part.inFile()) {
                    ByteBuffer region = ByteBuffer.allocate(part.sizeInBytes());
                    while (region.hasRemaining()) {
                        assertThat(file.read(region, part.filePosition() + region.position()))
                                .isNotNegative();
                    }
                    bytes.put(part.baseOffset(), region.flip());
                }
            }
        }
        return bytes;
    }

    /** Asserts each region holds the batch a copying read returns at its base offset, byte for byte. */
    private void assertRegionsHoldTheBatches(RegionRead read, ReadResult copied) throws IOException {
        Map<Long, ByteBuffer> fromFile = regionsFromFile(read);
        Map<Long, ByteBuffer> expected = new HashMap<>();
        for (StoredBatch batch : copied.batches()) {
            expected.put(batch.baseOffset(), batch.data());
        }
        for (Map.Entry<Long, ByteBuffer> region : fromFile.entrySet()) {
            assertThat(region.getValue())
                    .as("region of batch %d", region.getKey())
                    .isEqualTo(expected.get(region.getKey()));
        }
    }

    /** A one-record batch of exactly {@code size} bytes. */
    private static ByteBuffer batchOfSize(int size) {
        for (int value = Math.max(0, size - 120); value <= size; value++) {
            ByteBuffer batch = TestBatches.random(value, 1, value);
            if (batch.remaining() == size) {
                return batch;
            }
        }
        throw new AssertionError("no one-record batch of " + size + " bytes");
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldLendLargeBatchesAsRegionsHoldingExactlyTheirBytesAndCopySmallOnes(Durability durability)
            throws IOException {
        // Given batches on both sides of LMDB's overflow threshold, in a store that has not synced
        open(LmdbStoreConfig.defaults(dir).withDurability(durability));
        createStream("s");
        ShardRef ref = new ShardRef("s", 0);
        int threshold = store.maxLeafBatchBytes();
        assertThat(threshold)
                .as("4 KiB pages: values above 2,014 bytes go to overflow pages")
                .isEqualTo(2006);
        List<ByteBuffer> sent = List.of(
                batchOfSize(threshold),
                batchOfSize(threshold + 1),
                TestBatches.random(7, 3, 100),
                TestBatches.random(8, 16, 1000),
                TestBatches.random(9, 256, 1000));
        for (ByteBuffer batch : sent) {
            join(store.append(ref, batch.duplicate()));
        }

        // When
        RegionRead read = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));

        // Then the batches above the threshold are regions, the others copies
        try {
            assertThat(read.parts())
                    .extracting(RegionRead.Part::inFile)
                    .containsExactly(false, true, false, true, true);
            assertThat(read.file()).isNotNull();
            assertThat(store.leasedReads()).isEqualTo(1);
            // and the file holds each region's batch exactly where the read says: the same bytes as a copying read
            assertRegionsHoldTheBatches(read, join(store.read(ref, 0, Integer.MAX_VALUE)));
            for (int i = 0; i < sent.size(); i++) {
                RegionRead.Part part = read.parts().get(i);
                ByteBuffer stored = part.inFile() ? regionsFromFile(read).get(part.baseOffset()) : part.bytes();
                TestBatches.assertSameBatch(stored, sent.get(i));
            }
        } finally {
            read.close();
        }
        assertThat(store.leasedReads()).isZero();
    }

    @Test
    void shouldNotLeaseAReadWithoutRegions() {
        // Given small batches only
        open(LmdbStoreConfig.defaults(dir));
        createStream("small");
        ShardRef ref = new ShardRef("small", 0);
        join(store.append(ref, TestBatches.of("a", "b")));

        // When
        RegionRead read = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));

        // Then
        assertThat(read.hasRegions()).isFalse();
        assertThat(store.leasedReads()).isZero();
        assertThat(TestBatches.values(read.copied())).containsExactly("a", "b");
    }

    @Test
    void shouldKeepRegionsValidWhenTheMapGrowsAndMoves() throws IOException {
        // Given a store with the smallest map and a region read taken before it grows
        open(LmdbStoreConfig.defaults(dir).withInitialMapSizeBytes(64 * 1024));
        createStream("growing");
        ShardRef ref = new ShardRef("growing", 0);
        for (int i = 0; i < 4; i++) {
            join(store.append(ref, TestBatches.random(i, 4, 1000)));
        }
        long mapBefore = store.mapSizeBytes();
        RegionRead before = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));
        ReadResult copiedBefore = join(store.read(ref, 0, Integer.MAX_VALUE));

        try {
            // When appends make the map double several times (LMDB unmaps and maps it again, at another address)
            for (int i = 4; i < 200; i++) {
                join(store.append(ref, TestBatches.random(i, 8, 1000)));
            }
            assertThat(store.mapSizeBytes()).isGreaterThanOrEqualTo(mapBefore * 16);

            // Then the earlier regions still hold their batches, and regions read now are right too
            assertThat(before.parts()).allMatch(RegionRead.Part::inFile);
            assertRegionsHoldTheBatches(before, copiedBefore);
        } finally {
            before.close();
        }
        RegionRead after = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));
        try {
            assertThat(after.parts()).hasSize(200).allMatch(RegionRead.Part::inFile);
            assertRegionsHoldTheBatches(after, join(store.read(ref, 0, Integer.MAX_VALUE)));
        } finally {
            after.close();
        }
    }

    @Test
    void shouldHoldCompactionBackUntilTheLeasesTakenBeforeTheMoveEnd() throws IOException {
        // Given a region read of the whole shard
        open(LmdbStoreConfig.defaults(dir));
        createStream("trimmed");
        ShardRef ref = new ShardRef("trimmed", 0);
        for (int i = 0; i < 10; i++) {
            join(store.append(ref, TestBatches.random(i, 4, 1000)));
        }
        long size = join(store.sizeInBytes(ref));
        RegionRead leased = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));

        // When DeleteRecords moves the log start to the end
        assertThat(join(store.deleteBefore(ref, 40))).isEqualTo(40);

        // Then the log start moved at once, but the batches stay while the lease lives
        assertThat(join(store.offsets(ref)).logStartOffset()).isEqualTo(40);
        // A read taken after the move does not hold the deletion back (it cannot see below the new log start).
        join(store.append(ref, TestBatches.random(10, 4, 1000)));
        RegionRead later = join(store.readRegions(ref, 40, Integer.MAX_VALUE, ByteBuffer::allocate));
        assertThat(later.hasRegions()).isTrue();
        long sizeWithNewBatch = size + later.sizeInBytes();
        // the compaction was queued after the move's commit; once later writes committed, it has run (and parked)
        join(store.append(ref, TestBatches.of("x")));
        assertThat(join(store.sizeInBytes(ref)))
                .isEqualTo(sizeWithNewBatch + TestBatches.of("x").remaining());
        assertThat(store.leasedReads()).isEqualTo(2);

        // When the lease taken before the move ends
        leased.close();

        // Then the compaction runs (the later lease does not matter)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.sizeInBytes(ref))
                        == later.sizeInBytes() + TestBatches.of("x").remaining());
        later.close();
        assertThat(store.leasedReads()).isZero();
    }

    @Test
    void shouldHoldRetentionBackUntilTheLeaseEnds() {
        // Given a stream with a short retention and a leased read of its old batches
        open(LmdbStoreConfig.defaults(dir));
        join(store.createStream(NewStream.uniform(
                "retained", StreamOrigin.KAFKA, StreamSettings.defaults().withRetentionMs(1), 1)));
        ShardRef ref = new ShardRef("retained", 0);
        for (int i = 0; i < 5; i++) {
            join(store.append(ref, TestBatches.random(i, 4, 1000)));
        }
        RegionRead leased = join(store.readRegions(ref, 0, Integer.MAX_VALUE, ByteBuffer::allocate));
        long size = join(store.sizeInBytes(ref));

        // When retention expires them
        sleepPast(5);
        store.runRetention();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> join(store.offsets(ref)).logStartOffset() == 20);

        // Then they stay on disk while the lease lives, and go when it ends
        join(store.append(ref, TestBatches.of("y")));
        join(store.append(ref, TestBatches.of("z")));
        assertThat(join(store.sizeInBytes(ref))).isGreaterThanOrEqualTo(size);
        leased.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> join(store.sizeInBytes(ref)) < size);
    }

    private static void sleepPast(long millis) {
        try {
            Thread.sleep(millis + 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldCountEveryLeaseAndReleaseThemAll() {
        // Given
        open(LmdbStoreConfig.defaults(dir));
        createStream("many");
        ShardRef ref = new ShardRef("many", 0);
        for (int i = 0; i < 4; i++) {
            join(store.append(ref, TestBatches.random(i, 4, 1000)));
        }

        // When
        List<RegionRead> reads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            reads.add(join(store.readRegions(ref, i, Integer.MAX_VALUE, ByteBuffer::allocate)));
        }

        // Then
        assertThat(store.leasedReads()).isEqualTo(16);
        reads.forEach(RegionRead::close);
        reads.forEach(RegionRead::close);
        assertThat(store.leasedReads()).isZero();
    }
}
