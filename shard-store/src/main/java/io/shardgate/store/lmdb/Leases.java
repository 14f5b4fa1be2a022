package io.shardgate.store.lmdb;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The deletion gate of one shard (ADR 0006). A read that lends file regions of the shard's batches takes a lease
 * before it reads the log start offset; deleting the shard's batches (compaction below a moved log start, the purge
 * of a deleted stream) waits until every lease taken before the log start moved (or the stream was deleted) has been
 * released. Leases taken afterwards cannot refer to the batches such a deletion frees: they see the new log start
 * offset, or that the shard is deleted, and read nothing below it.
 *
 * <p>Epochs order the two sides: {@link #acquire} records the current epoch, {@link #moved} (called by the writer
 * after publishing the new log start offset or the deletion) starts a new one and makes it the gate. Both happen
 * under this object's lock, so a lease either was counted before the move (and holds the deletion back) or comes
 * after it and sees what the move published. Deletions that find the gate closed are parked with
 * {@link #whenClear} and queued again by the release that opens it; nothing ever waits on a thread.
 *
 * <p>Thread-safe; every method is short and never blocks beyond this lock.
 */
final class Leases {
    /** Live leases by the epoch they were taken in. */
    private final TreeMap<Long, Integer> live = new TreeMap<>();

    private List<Runnable> whenClear = new ArrayList<>();
    private long epoch;
    /** Leases taken before this epoch hold deletions back. */
    private long gate;

    /** A lease on the shard's current batches; release it exactly once. */
    synchronized long acquire() {
        live.merge(epoch, 1, Integer::sum);
        return epoch;
    }

    /** Ends a lease from {@link #acquire}; runs the deletions it was the last to hold back, on this thread. */
    void release(long leaseEpoch) {
        List<Runnable> run = null;
        synchronized (this) {
            Integer count = live.get(leaseEpoch);
            if (count == null) {
                throw new IllegalStateException("no lease of epoch " + leaseEpoch + " is live");
            }
            if (count == 1) {
                live.remove(leaseEpoch);
            } else {
                live.put(leaseEpoch, count - 1);
            }
            if (!whenClear.isEmpty() && clearLocked()) {
                run = whenClear;
                whenClear = new ArrayList<>();
            }
        }
        if (run != null) {
            run.forEach(Runnable::run);
        }
    }

    /**
     * The log start offset moved or the shard was deleted, and that is published: deletions must now wait for the
     * leases taken so far. Writer thread only, after publishing.
     */
    synchronized void moved() {
        gate = ++epoch;
    }

    /** Whether no lease taken before the last move is live, i.e. deleting below the log start is safe. */
    synchronized boolean clear() {
        return clearLocked();
    }

    /** Runs {@code action} now if {@link #clear()}, else on the thread of the release that makes it so. */
    void whenClear(Runnable action) {
        synchronized (this) {
            if (!clearLocked()) {
                whenClear.add(action);
                return;
            }
        }
        action.run();
    }

    /** Live leases, for tests and metrics. */
    synchronized int held() {
        return live.values().stream().mapToInt(Integer::intValue).sum();
    }

    private boolean clearLocked() {
        return live.isEmpty() || live.firstKey() >= gate;
    }
}
