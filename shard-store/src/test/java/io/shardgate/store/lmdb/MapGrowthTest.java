package io.shardgate.store.lmdb;

import static io.shardgate.store.TestBatches.assertSameBatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.AppendResult;
import io.shardgate.store.NewStream;
import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.TestBatches;

/** A map far too small for the load must grow, many times, without losing or failing an append. */
class MapGrowthTest {
    @TempDir
    Path dir;

    @Test
    void shouldGrowATinyMapManyTimesUnderConcurrentLoad() throws Exception {
        // Given a 64 KiB map and 8 appenders writing ~13 MiB of 16 KiB batches to 4 shards
        AtomicInteger resizes = new AtomicInteger();
        StoreListener listener = new StoreListener() {
            @Override
            public void mapResized(long mapSizeBytes) {
                resizes.incrementAndGet();
            }
        };
        LmdbStoreConfig config = LmdbStoreConfig.defaults(dir).withInitialMapSizeBytes(64 * 1024);
        int appenders = 8;
        int perAppender = 100;
        List<List<ByteBuffer>> sent = new ArrayList<>();
        try (LmdbShardStore store = LmdbShardStore.open(config, listener, Clock.systemUTC())) {
            store.createStream(NewStream.uniform("grow", StreamOrigin.KAFKA, StreamSettings.defaults(), 4))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            List<CompletableFuture<List<AppendResult>>> threads = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                List<ByteBuffer> batches = new ArrayList<>();
                for (int i = 0; i < perAppender; i++) {
                    batches.add(TestBatches.random(a * 1000L + i, 16, 1000));
                }
                sent.add(batches);
                int shard = a % 4;
                threads.add(CompletableFuture.supplyAsync(() -> {
                    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
                    for (ByteBuffer batch : batches) {
                        pending.add(
                                store.append(new ShardRef("grow", shard), batch).toCompletableFuture());
                    }
                    return pending.stream().map(CompletableFuture::join).toList();
                }));
            }

            // When
            List<List<AppendResult>> results = new ArrayList<>();
            for (CompletableFuture<List<AppendResult>> thread : threads) {
                results.add(thread.get(120, TimeUnit.SECONDS));
            }

            // Then every append succeeded, the map grew many times and the data reads back
            assertThat(resizes.get()).isGreaterThanOrEqualTo(6);
            assertThat(store.mapSizeBytes()).isGreaterThan(13L * 1024 * 1024);
            verify(store, results, sent);
        }

        // And the grown environment reopens with everything in it
        try (LmdbShardStore reopened = LmdbShardStore.open(config)) {
            long total = 0;
            for (int shard = 0; shard < 4; shard++) {
                total += reopened.offsets(new ShardRef("grow", shard))
                        .toCompletableFuture()
                        .get()
                        .highWatermark();
            }
            assertThat(total).isEqualTo((long) appenders * perAppender * 16);
        }
    }

    private static void verify(LmdbShardStore store, List<List<AppendResult>> results, List<List<ByteBuffer>> sent)
            throws Exception {
        for (int a = 0; a < results.size(); a++) {
            for (int i = 0; i < results.get(a).size(); i++) {
                AppendResult result = results.get(a).get(i);
                ReadResult read = store.read(new ShardRef("grow", a % 4), result.baseOffset(), 1)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(read.batches().get(0).baseOffset()).isEqualTo(result.baseOffset());
                assertSameBatch(read.batches().get(0).data(), sent.get(a).get(i));
            }
        }
    }
}
