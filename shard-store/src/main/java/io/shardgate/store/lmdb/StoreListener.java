package io.shardgate.store.lmdb;

/**
 * Receives the store's measurements; the gateway binds it to Micrometer. Called on store threads: must be fast
 * and must not block or throw.
 */
public interface StoreListener {

    /**
     * One write transaction committed. Called on the writer thread after the commit and before any future of the
     * transaction completes, so a caller that saw its append complete also sees it counted.
     *
     * @param commitNanos time spent in the commit call (including the sync in {@code FSYNC} durability)
     * @param operations queued operations in the transaction
     * @param batches record batches appended
     * @param bytes record batch bytes appended
     */
    default void committed(long commitNanos, int operations, int batches, long bytes) {}

    /** The LMDB map grew to {@code mapSizeBytes}. */
    default void mapResized(long mapSizeBytes) {}

    StoreListener NONE = new StoreListener() {};
}
