package io.shardgate.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;

/**
 * Reads every shard back from offset 0 to its high watermark, {@code maxBytes} per read, one sequential reader
 * per shard, all shards at once (like one consumer per partition). Each batch read is checked: magic 2, base
 * offset where the previous batch ended, record count matching its offset range; each shard must hold exactly
 * the records its appends reported.
 */
final class ReadBack {
    static final int MAX_BYTES = 1024 * 1024;

    /**
     * @param bytes record batch bytes read
     * @param records records read
     * @param reads read calls made
     * @param nanos wall time of the whole read-back
     * @param problem the first verification failure, or null when everything matched
     */
    record Result(long bytes, long records, long reads, long nanos, String problem) {}

    private ReadBack() {}

    static Result readAll(ShardStore store, String stream, long[] expectedRecords) throws InterruptedException {
        int shards = expectedRecords.length;
        long[] bytes = new long[shards];
        long[] records = new long[shards];
        long[] reads = new long[shards];
        AtomicReference<String> problem = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < shards; i++) {
            int shard = i;
            Thread thread = new Thread(
                    () -> {
                        try {
                            long[] totals = readShard(store, new ShardRef(stream, shard), expectedRecords[shard]);
                            bytes[shard] = totals[0];
                            records[shard] = totals[1];
                            reads[shard] = totals[2];
                        } catch (RuntimeException | AssertionError e) {
                            problem.compareAndSet(null, "shard " + shard + ": " + e.getMessage());
                        }
                    },
                    "bench-reader-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long nanos = System.nanoTime() - start;
        long totalBytes = 0;
        long totalRecords = 0;
        long totalReads = 0;
        for (int i = 0; i < shards; i++) {
            totalBytes += bytes[i];
            totalRecords += records[i];
            totalReads += reads[i];
        }
        return new Result(totalBytes, totalRecords, totalReads, nanos, problem.get());
    }

    /** Returns {bytes, records, reads} of one shard, after checking every batch. */
    private static long[] readShard(ShardStore store, ShardRef ref, long expected) {
        ShardOffsets offsets = store.offsets(ref).toCompletableFuture().join();
        if (offsets.logStartOffset() != 0 || offsets.highWatermark() != expected) {
            throw new AssertionError("offsets " + offsets + " but " + expected + " records were appended");
        }
        long next = 0;
        long bytes = 0;
        long records = 0;
        long reads = 0;
        while (next < offsets.highWatermark()) {
            ReadResult result =
                    store.read(ref, next, MAX_BYTES).toCompletableFuture().join();
            reads++;
            ByteBuffer data = result.records();
            if (result.batches().isEmpty()) {
                throw new AssertionError("empty read at offset " + next + " below " + offsets.highWatermark());
            }
            bytes += data.remaining();
            for (MutableRecordBatch batch : MemoryRecords.readableRecords(data).batches()) {
                long count = batch.lastOffset() - batch.baseOffset() + 1;
                Integer stored = batch.countOrNull();
                if (batch.magic() != RecordBatch.MAGIC_VALUE_V2
                        || batch.baseOffset() != next
                        || stored == null
                        || stored != count) {
                    throw new AssertionError("unexpected batch at offset " + next + ": base offset "
                            + batch.baseOffset() + ", last offset " + batch.lastOffset() + ", count " + stored);
                }
                records += count;
                next = batch.lastOffset() + 1;
            }
        }
        if (records != expected || next != offsets.highWatermark()) {
            throw new AssertionError("read " + records + " records up to offset " + next + ", expected " + expected);
        }
        return new long[] {bytes, records, reads};
    }
}
