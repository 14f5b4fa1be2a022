package io.shardgate.gateway.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.StoreListener;

/**
 * The LMDB store's measurements as Micrometer meters. Meter names are constants so that dashboards and tests use
 * the same words; Prometheus shows them in snake case ({@code shardgate_store_appends_total}).
 */
public final class MicrometerStoreListener implements StoreListener {

    public static final String APPENDS = "shardgate.store.appends";
    public static final String APPEND_BYTES = "shardgate.store.append.bytes";
    public static final String COMMIT_LATENCY = "shardgate.store.commit.latency";
    public static final String COMMIT_OPERATIONS = "shardgate.store.commit.operations";
    public static final String MAP_SIZE = "shardgate.store.map.size";
    public static final String MAP_RESIZES = "shardgate.store.map.resizes";
    public static final String STREAMS = "shardgate.store.streams";

    private final MeterRegistry registry;
    private final Counter appends;
    private final Counter appendBytes;
    private final Timer commitLatency;
    private final DistributionSummary commitOperations;
    private final Counter mapResizes;

    public MicrometerStoreListener(MeterRegistry registry) {
        this.registry = registry;
        this.appends = Counter.builder(APPENDS)
                .description("Record batches appended to the store")
                .register(registry);
        this.appendBytes = Counter.builder(APPEND_BYTES)
                .description("Record batch bytes appended to the store")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        this.commitLatency = Timer.builder(COMMIT_LATENCY)
                .description("Time spent committing one write transaction, including the sync in fsync durability")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.commitOperations = DistributionSummary.builder(COMMIT_OPERATIONS)
                .description("Queued operations committed in one write transaction (the group-commit size)")
                .baseUnit("operations")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096)
                .register(registry);
        this.mapResizes = Counter.builder(MAP_RESIZES)
                .description("Times the LMDB map grew")
                .register(registry);
    }

    /** Registers the gauges read from the open store: its map size and its number of streams. */
    public void bindGauges(LmdbShardStore store) {
        Gauge.builder(MAP_SIZE, store, LmdbShardStore::mapSizeBytes)
                .description("Current size of the LMDB map")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
        Gauge.builder(STREAMS, store, s -> s.streams().size())
                .description("Streams in the store's catalog")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void committed(long commitNanos, int operations, int batches, long bytes) {
        commitLatency.record(commitNanos, TimeUnit.NANOSECONDS);
        commitOperations.record(operations);
        if (batches > 0) {
            appends.increment(batches);
        }
        if (bytes > 0) {
            appendBytes.increment(bytes);
        }
    }

    @Override
    public void mapResized(long mapSizeBytes) {
        mapResizes.increment();
    }
}
