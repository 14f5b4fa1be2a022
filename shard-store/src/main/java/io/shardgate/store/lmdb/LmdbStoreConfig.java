package io.shardgate.store.lmdb;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the LMDB store. Every field is documented in {@code docs/configuration.md} under {@code store.}.
 *
 * @param dataDir the directory holding the LMDB environment; created if missing
 * @param durability {@code FSYNC} or {@code OS}
 * @param flushIntervalMs in {@code OS} durability, how often committed data is synced to disk
 * @param initialMapSizeBytes the LMDB map size to start with; the map grows (doubling) whenever it is full
 * @param maxBatchBytes the largest append (all its batches together) the store accepts
 * @param retentionCheckIntervalMs how often retention looks for expired batches
 * @param readerThreads threads serving reads
 */
public record LmdbStoreConfig(
        Path dataDir,
        Durability durability,
        long flushIntervalMs,
        long initialMapSizeBytes,
        int maxBatchBytes,
        long retentionCheckIntervalMs,
        int readerThreads) {

    public static final long DEFAULT_FLUSH_INTERVAL_MS = 1000;
    public static final long DEFAULT_INITIAL_MAP_SIZE_BYTES = 1L << 30;
    public static final int DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024;
    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 60_000;
    public static final int DEFAULT_READER_THREADS = 4;
    /** LMDB's reader table has 126 slots; keep room for the writer's own look-ups and the recovery. */
    public static final int MAX_READER_THREADS = 64;

    public LmdbStoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        if (flushIntervalMs <= 0) {
            throw new IllegalArgumentException("flushIntervalMs must be > 0: " + flushIntervalMs);
        }
        if (initialMapSizeBytes < 64 * 1024) {
            throw new IllegalArgumentException("initialMapSizeBytes must be >= 65536: " + initialMapSizeBytes);
        }
        if (maxBatchBytes < 1024) {
            throw new IllegalArgumentException("maxBatchBytes must be >= 1024: " + maxBatchBytes);
        }
        if (retentionCheckIntervalMs <= 0) {
            throw new IllegalArgumentException("retentionCheckIntervalMs must be > 0: " + retentionCheckIntervalMs);
        }
        if (readerThreads < 1 || readerThreads > MAX_READER_THREADS) {
            throw new IllegalArgumentException(
                    "readerThreads must be between 1 and " + MAX_READER_THREADS + ": " + readerThreads);
        }
    }

    /** The defaults, in {@code dataDir}. */
    public static LmdbStoreConfig defaults(Path dataDir) {
        return new LmdbStoreConfig(
                dataDir,
                Durability.OS,
                DEFAULT_FLUSH_INTERVAL_MS,
                DEFAULT_INITIAL_MAP_SIZE_BYTES,
                DEFAULT_MAX_BATCH_BYTES,
                DEFAULT_RETENTION_CHECK_INTERVAL_MS,
                DEFAULT_READER_THREADS);
    }

    public LmdbStoreConfig withDurability(Durability newDurability) {
        return new LmdbStoreConfig(
                dataDir,
                newDurability,
                flushIntervalMs,
                initialMapSizeBytes,
                maxBatchBytes,
                retentionCheckIntervalMs,
                readerThreads);
    }

    public LmdbStoreConfig withInitialMapSizeBytes(long bytes) {
        return new LmdbStoreConfig(
                dataDir, durability, flushIntervalMs, bytes, maxBatchBytes, retentionCheckIntervalMs, readerThreads);
    }

    public LmdbStoreConfig withRetentionCheckIntervalMs(long ms) {
        return new LmdbStoreConfig(
                dataDir, durability, flushIntervalMs, initialMapSizeBytes, maxBatchBytes, ms, readerThreads);
    }
}
