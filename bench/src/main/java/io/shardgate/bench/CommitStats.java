package io.shardgate.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.shardgate.store.lmdb.StoreListener;

/** Counts the store's write transactions, to show how well group commit works and how long commits take. */
final class CommitStats implements StoreListener {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong mapResizes = new AtomicLong();

    @Override
    public void committed(long nanos, int ops, int batches, long bytes) {
        commits.incrementAndGet();
        operations.addAndGet(ops);
        commitNanos.addAndGet(nanos);
    }

    @Override
    public void mapResized(long mapSizeBytes) {
        mapResizes.incrementAndGet();
    }

    Snapshot snapshot() {
        return new Snapshot(commits.get(), operations.get(), commitNanos.get(), mapResizes.get());
    }

    /** The counters at one moment; {@link #minus} gives a phase's share. */
    record Snapshot(long commits, long operations, long commitNanos, long mapResizes) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    commits - earlier.commits,
                    operations - earlier.operations,
                    commitNanos - earlier.commitNanos,
                    mapResizes - earlier.mapResizes);
        }
    }
}
