package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.store.ShardStoreException;
import io.shardgate.store.StoreClosedException;
import io.shardgate.store.StoreIoException;

/**
 * The one thread that writes. It takes every operation queued while the previous transaction committed and
 * applies them in queue order in one write transaction (group commit), commits, publishes the new offsets and
 * catalog, and hands the results to the completer. The response to an append is thereby parked until its
 * records are committed, as in Apache Kafka's {@code CoordinatorRuntime}.
 *
 * <p>When the LMDB map is full the transaction is aborted, the map doubles and the same operations run again in
 * a fresh transaction: no append is lost or acknowledged twice. Any other LMDB failure (disk full, I/O error)
 * aborts the transaction and fails its operations with {@link StoreIoException}; LMDB's copy-on-write commit
 * leaves the environment as it was.
 */
final class Writer {
    static final String NEXT_SHARD_KEY = "nextShardKey";
    static final String FORMAT = "format";
    /** The layout described in the package documentation; bump it with a migration when it changes. */
    static final int FORMAT_VERSION = 1;

    private static final Logger LOGGER = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_OPS_PER_TXN = 4096;
    private static final long MAX_BYTES_PER_TXN = 32L * 1024 * 1024;
    private static final int MAX_GROWTHS_PER_TXN = 48;

    private final Databases db;
    private final StoreListener listener;
    private final Executor completer;
    private final Clock clock;
    private final LinkedBlockingQueue<WriteOp<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Catalog catalog;
    private volatile boolean closing;
    private volatile boolean terminated;
    private final java.util.concurrent.atomic.AtomicBoolean unsynced = new java.util.concurrent.atomic.AtomicBoolean();
    private long nextShardKey;
    private final long[] lastBatchKey;

    Writer(
            Databases db,
            StoreListener listener,
            Executor completer,
            Clock clock,
            Catalog catalog,
            long nextShardKey,
            long[] lastBatchKey) {
        this.db = db;
        this.listener = listener;
        this.completer = completer;
        this.clock = clock;
        this.catalog = catalog;
        this.nextShardKey = nextShardKey;
        this.lastBatchKey = lastBatchKey;
        this.thread = new Thread(this::run, "shardgate-store-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Catalog catalog() {
        return catalog;
    }

    /** Whether the writer takes work: started, not closing, thread running. */
    boolean running() {
        return thread.isAlive() && !closing && !terminated;
    }

    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        if (closing) {
            op.future.completeExceptionally(new StoreClosedException("the store is closed"));
            return op.future;
        }
        queue.add(op);
        if (terminated) {
            failQueued();
        }
        return op.future;
    }

    /** Whether a commit happened since the last call; used by the periodic sync. */
    boolean takeUnsynced() {
        return unsynced.getAndSet(false);
    }

    /** Marks the data as not synced again, after a failed sync. */
    void markUnsynced() {
        unsynced.set(true);
    }

    /** Stops taking operations, finishes the queued ones and waits for the thread to end. */
    void close() throws InterruptedException {
        closing = true;
        thread.join();
    }

    private void run() {
        List<WriteOp<?>> group = new ArrayList<>();
        try {
            while (!closing || !queue.isEmpty()) {
                WriteOp<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.clear();
                group.add(first);
                long bytes = first.weight();
                WriteOp<?> next;
                while (group.size() < MAX_OPS_PER_TXN && bytes < MAX_BYTES_PER_TXN && (next = queue.poll()) != null) {
                    group.add(next);
                    bytes += next.weight();
                }
                execute(group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOGGER.error("the store writer stopped on an unexpected error", t);
        } finally {
            terminated = true;
            failQueued();
        }
    }

    private void failQueued() {
        List<WriteOp<?>> ops = new ArrayList<>();
        WriteOp<?> op;
        while ((op = queue.poll()) != null) {
            ops.add(op);
        }
        if (!ops.isEmpty()) {
            failAll(ops, new StoreClosedException("the store is closed"));
        }
    }

    private void execute(List<WriteOp<?>> ops) {
        List<WriteOp<?>> live = new ArrayList<>(ops);
        int growths = 0;
        while (!live.isEmpty()) {
            Object[] results = new Object[live.size()];
            WriteTxn tx;
            long commitNanos;
            int unexpected = -1;
            try (Txn<ByteBuffer> txn = db.env.txnWrite()) {
                tx = new WriteTxn(db, txn, clock.millis(), catalog, nextShardKey, lastBatchKey);
                for (int i = 0; i < live.size(); i++) {
                    try {
                        results[i] = live.get(i).apply(tx);
                    } catch (ShardStoreException e) {
                        results[i] = new Failure(e);
                    } catch (LmdbException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        unexpected = i;
                        results[i] = new Failure(e);
                        break;
                    }
                }
                if (unexpected >= 0) {
                    // The transaction may hold part of that operation's writes: drop it and run the rest again.
                    WriteOp<?> bad = live.remove(unexpected);
                    RuntimeException error = ((Failure) results[unexpected]).error;
                    LOGGER.error("store operation {} failed unexpectedly", bad, error);
                    failAll(List.of(bad), error);
                    continue;
                }
                tx.writeShardStates();
                long start = System.nanoTime();
                txn.commit();
                commitNanos = System.nanoTime() - start;
            } catch (Env.MapFullException e) {
                if (++growths > MAX_GROWTHS_PER_TXN) {
                    failAll(live, new StoreIoException("the LMDB map cannot grow enough for this transaction", e));
                    return;
                }
                long size = db.grow();
                LOGGER.info("LMDB map full: grew it to {} bytes", size);
                listener.mapResized(size);
                continue;
            } catch (Txn.TxFullException e) {
                if (live.size() == 1) {
                    failAll(live, new StoreIoException("the operation is too large for one LMDB transaction", e));
                    return;
                }
                List<WriteOp<?>> firstHalf = new ArrayList<>(live.subList(0, live.size() / 2));
                List<WriteOp<?>> secondHalf = new ArrayList<>(live.subList(live.size() / 2, live.size()));
                execute(firstHalf);
                execute(secondHalf);
                return;
            } catch (LmdbNativeException e) {
                // Disk full or an I/O error: expected to repeat while it lasts, so no stack trace.
                LOGGER.error("store write transaction failed, its {} operations fail: {}", live.size(), e.getMessage());
                failAll(live, new StoreIoException("the store could not write: " + e.getMessage(), e));
                return;
            } catch (RuntimeException e) {
                LOGGER.error("store write transaction failed; its {} operations fail", live.size(), e);
                failAll(live, new StoreIoException("the store could not write: " + e.getMessage(), e));
                return;
            }
            publish(tx, live, results, commitNanos);
            return;
        }
    }

    private void publish(WriteTxn tx, List<WriteOp<?>> ops, Object[] results, long commitNanos) {
        for (Map.Entry<ShardLog, WriteTxn.PendingShard> entry : tx.pending.entrySet()) {
            ShardLog log = entry.getKey();
            WriteTxn.PendingShard p = entry.getValue();
            log.lastAppendTimeMs = p.lastAppendTimeMs;
            log.logStartOffset = p.logStartOffset;
            log.highWatermark = p.highWatermark;
        }
        catalog = tx.catalog;
        nextShardKey = tx.nextShardKey;
        lastBatchKey[0] = tx.lastBatchShard;
        lastBatchKey[1] = tx.lastBatchOffset;
        unsynced.set(true);
        listener.committed(commitNanos, ops.size(), tx.batches, tx.bytes);
        List<ShardLog> touched = new ArrayList<>(tx.pending.keySet());
        List<ShardLog> closed = tx.closedLogs;
        completer.execute(() -> {
            for (int i = 0; i < ops.size(); i++) {
                complete(ops.get(i), results[i]);
            }
            for (ShardLog log : touched) {
                if (log.hasWaiters()) {
                    log.wake(false);
                }
            }
            for (ShardLog log : closed) {
                log.wake(true);
            }
        });
        for (WriteOp<?> followUp : tx.followUps) {
            submit(followUp);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(WriteOp<T> op, Object result) {
        if (result instanceof Failure failure) {
            op.future.completeExceptionally(failure.error);
        } else {
            op.future.complete((T) result);
        }
    }

    /** Fails the operations on the completer, never on this thread, like every other completion. */
    private void failAll(List<WriteOp<?>> ops, Throwable error) {
        List<WriteOp<?>> copy = List.copyOf(ops);
        Runnable fail = () -> {
            for (WriteOp<?> op : copy) {
                op.future.completeExceptionally(error);
            }
        };
        try {
            completer.execute(fail);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fail.run();
        }
    }

    private record Failure(RuntimeException error) {}
}
