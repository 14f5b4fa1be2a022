package io.shardgate.store.lmdb;

/** When a committed transaction reaches the disk (DESIGN.md D10). */
public enum Durability {
    /** Every commit is synced before it is acknowledged: survives power loss. */
    FSYNC,
    /**
     * Commits are written to the OS page cache and synced periodically: survives a process crash
     * ({@code kill -9}), like Kafka's default.
     */
    OS
}
