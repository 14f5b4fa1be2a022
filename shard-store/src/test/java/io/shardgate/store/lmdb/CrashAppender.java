package io.shardgate.store.lmdb;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Semaphore;

import io.shardgate.store.AppendResult;
import io.shardgate.store.NewStream;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.TestBatches;

/**
 * The child process of {@link CrashTest}: appends to the store without end, keeping many appends in flight, and
 * prints {@code ACK shard base last seed END} for every acknowledged one, until it is killed.
 */
public final class CrashAppender {
    static final String STREAM = "crash";
    static final int SHARDS = 4;

    private CrashAppender() {}

    /** The batch for a seed: 1 to 8 records of 100 random bytes. */
    static ByteBuffer batchFor(long seed) {
        return TestBatches.random(seed, 1 + (int) (seed % 8), 100);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        long seedBase = Long.parseLong(args[2]);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        LmdbShardStore store = LmdbShardStore.open(
                LmdbStoreConfig.defaults(dir).withDurability(durability).withInitialMapSizeBytes(1 << 20),
                StoreListener.NONE,
                Clock.systemUTC());
        if (store.stream(STREAM).isEmpty()) {
            store.createStream(NewStream.uniform(STREAM, StreamOrigin.KAFKA, StreamSettings.defaults(), SHARDS))
                    .toCompletableFuture()
                    .get();
        }
        write(out, "READY\n");
        Semaphore inFlight = new Semaphore(32);
        for (long i = 0; ; i++) {
            long seed = seedBase + i;
            int shard = (int) (i % SHARDS);
            inFlight.acquire();
            store.append(new ShardRef(STREAM, shard), batchFor(seed)).whenComplete((AppendResult r, Throwable e) -> {
                inFlight.release();
                if (e == null) {
                    write(out, "ACK " + shard + " " + r.baseOffset() + " " + r.lastOffset() + " " + seed + " END\n");
                } else {
                    write(out, "FAIL " + e + "\n");
                }
            });
        }
    }

    private static void write(OutputStream out, String line) {
        synchronized (out) {
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
