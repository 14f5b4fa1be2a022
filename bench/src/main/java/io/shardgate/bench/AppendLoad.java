package io.shardgate.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.shardgate.store.AppendResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;

/**
 * Concurrent appenders, each a thread that keeps up to {@code inFlight} appends outstanding like a pipelining
 * producer. Appender {@code i} starts at shard {@code i mod shards} and steps by the number of appenders, so with
 * at least as many appenders as shards appender {@code i} always writes to shard {@code i mod shards}, and with
 * fewer appenders than shards every shard still gets writes (one appender over 8 shards goes round-robin).
 *
 * <p>Every append reuses the same batch buffer, which nobody modifies: the store copies it inside its write
 * transaction. Throughput counts appends completed; latency is measured from the call to {@code append} (which
 * validates the batch, CRC included, on the calling thread) to the completion of its stage, for the appends
 * started while the timed phase runs.
 */
final class AppendLoad {
    private static final long DRAIN_TIMEOUT_SECONDS = 300;

    private final ShardStore store;
    private final ShardRef[] refs;
    private final int appenders;
    private final int inFlight;
    private final ByteBuffer batch;
    private final int batchBytes;
    private final List<Thread> threads = new ArrayList<>();
    private final List<LatencyRecorder> recorders = new ArrayList<>();
    private final LongAdder appends = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicLongArray shardRecords;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean timed;
    private volatile boolean stopping;

    AppendLoad(ShardStore store, String stream, int shards, int appenders, int inFlight, ByteBuffer batch) {
        this.store = store;
        this.refs = new ShardRef[shards];
        for (int i = 0; i < shards; i++) {
            refs[i] = new ShardRef(stream, i);
        }
        this.appenders = appenders;
        this.inFlight = inFlight;
        this.batch = batch;
        this.batchBytes = batch.remaining();
        this.shardRecords = new AtomicLongArray(shards);
    }

    void start() {
        for (int i = 0; i < appenders; i++) {
            int index = i;
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread thread = new Thread(() -> run(index, recorder), "bench-appender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Latencies are recorded for appends started from now until {@link #stopTiming()}. */
    void startTiming() {
        timed = true;
    }

    void stopTiming() {
        timed = false;
    }

    long appends() {
        return appends.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    /** Stops submitting, waits for every outstanding append and rethrows the first failure. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("an append failed: " + error, error);
        }
    }

    /** The sorted latencies, in nanoseconds, of the appends started in the timed phase; after {@link #stop()}. */
    long[] latencies() {
        return LatencyRecorder.sorted(recorders);
    }

    /** Records appended to each shard; after {@link #stop()}. */
    long[] recordsPerShard() {
        long[] records = new long[shardRecords.length()];
        for (int i = 0; i < records.length; i++) {
            records[i] = shardRecords.get(i);
        }
        return records;
    }

    private void run(int index, LatencyRecorder recorder) {
        Semaphore permits = new Semaphore(inFlight);
        int shard = index % refs.length;
        try {
            while (!stopping) {
                permits.acquire();
                if (stopping) {
                    permits.release();
                    break;
                }
                int target = shard;
                shard = (shard + appenders) % refs.length;
                boolean record = timed;
                long start = System.nanoTime();
                store.append(refs[target], batch.duplicate()).whenComplete((result, error) -> {
                    try {
                        completed(target, record, start, result, error, recorder);
                    } finally {
                        permits.release();
                    }
                });
            }
            if (!permits.tryAcquire(inFlight, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                failure.compareAndSet(
                        null,
                        new IllegalStateException("appends still outstanding after " + DRAIN_TIMEOUT_SECONDS + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        }
    }

    private void completed(
            int shard, boolean record, long start, AppendResult result, Throwable error, LatencyRecorder recorder) {
        long latency = System.nanoTime() - start;
        if (error != null) {
            failure.compareAndSet(null, error);
            stopping = true;
            return;
        }
        appends.increment();
        bytes.add(batchBytes);
        shardRecords.addAndGet(shard, result.lastOffset() - result.baseOffset() + 1);
        if (record) {
            recorder.record(latency);
        }
    }
}
