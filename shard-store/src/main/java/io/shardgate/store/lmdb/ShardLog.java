package io.shardgate.store.lmdb;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live state of one shard. The offsets are published by the writer after each commit and read by anyone;
 * {@code lastAppendTimeMs} belongs to the writer thread.
 */
final class ShardLog {
    final long key;
    volatile long logStartOffset;
    volatile long highWatermark;
    long lastAppendTimeMs;
    private final Set<AppendWaiter> waiters = ConcurrentHashMap.newKeySet();

    ShardLog(long key, long logStartOffset, long highWatermark, long lastAppendTimeMs) {
        this.key = key;
        this.logStartOffset = logStartOffset;
        this.highWatermark = highWatermark;
        this.lastAppendTimeMs = lastAppendTimeMs;
    }

    /** A future completing once the high watermark passes {@code offset}; see ShardStore#awaitAppend. */
    CompletableFuture<Void> await(long offset) {
        AppendWaiter waiter = new AppendWaiter(offset);
        waiters.add(waiter);
        waiter.whenComplete((ignored, error) -> waiters.remove(waiter));
        if (highWatermark > offset) {
            waiter.complete(null);
        }
        return waiter;
    }

    /** Whether anyone waits; cheap enough for the writer to ask after every commit. */
    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** Completes the waiters the current high watermark satisfies, or all of them. */
    void wake(boolean all) {
        long hw = highWatermark;
        for (AppendWaiter waiter : waiters) {
            if (all || hw > waiter.offset) {
                waiter.complete(null);
            }
        }
    }

    private static final class AppendWaiter extends CompletableFuture<Void> {
        final long offset;

        AppendWaiter(long offset) {
            this.offset = offset;
        }
    }
}
