package io.shardgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.shardgate.store.NewStream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

class MicrometerStoreListenerTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerStoreListener listener = new MicrometerStoreListener(registry);

    @Test
    void shouldCountBatchesBytesAndCommitsWhenTransactionsCommit() {
        // Given two commits, one of them without appends (a catalog change)
        // When
        listener.committed(2_000_000, 3, 5, 1_000);
        listener.committed(1_000_000, 1, 0, 0);

        // Then
        assertThat(registry.get(MicrometerStoreListener.APPENDS).counter().count())
                .isEqualTo(5);
        assertThat(registry.get(MicrometerStoreListener.APPEND_BYTES).counter().count())
                .isEqualTo(1_000);
        assertThat(registry.get(MicrometerStoreListener.COMMIT_LATENCY).timer().count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerStoreListener.COMMIT_LATENCY).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(3.0);
        assertThat(registry.get(MicrometerStoreListener.COMMIT_OPERATIONS)
                        .summary()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerStoreListener.COMMIT_OPERATIONS)
                        .summary()
                        .max())
                .isEqualTo(3);
    }

    @Test
    void shouldCountResizesWhenTheMapGrows() {
        // Given / When
        listener.mapResized(2L << 30);

        // Then
        assertThat(registry.get(MicrometerStoreListener.MAP_RESIZES).counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldReadMapSizeAndStreamsFromTheStoreWhenGaugesAreBound(@TempDir Path dataDir) throws IOException {
        // Given an open store
        try (LmdbShardStore store =
                LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), listener, java.time.Clock.systemUTC())) {

            // When
            listener.bindGauges(store);
            store.createStream(NewStream.uniform("orders", StreamOrigin.KAFKA, StreamSettings.defaults(), 2))
                    .toCompletableFuture()
                    .join();

            // Then
            assertThat(registry.get(MicrometerStoreListener.MAP_SIZE).gauge().value())
                    .isEqualTo(store.mapSizeBytes());
            assertThat(registry.get(MicrometerStoreListener.STREAMS).gauge().value())
                    .isEqualTo(1);
            assertThat(registry.get(MicrometerStoreListener.COMMIT_OPERATIONS)
                            .summary()
                            .count())
                    .isPositive();
        }
    }
}
