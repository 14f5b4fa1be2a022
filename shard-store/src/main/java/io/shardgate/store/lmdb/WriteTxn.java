package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

import io.shardgate.store.ShardRef;
import io.shardgate.store.UnknownShardException;
import io.shardgate.store.UnknownStreamException;

/**
 * One write transaction of the writer, with the state its operations change. Nothing here is visible to other
 * threads until the writer publishes it after the commit; if the transaction aborts, all of it is dropped.
 */
final class WriteTxn {
    /** A shard's offsets as this transaction leaves them. */
    static final class PendingShard {
        long logStartOffset;
        long highWatermark;
        long lastAppendTimeMs;

        PendingShard(ShardLog log) {
            this.logStartOffset = log.logStartOffset;
            this.highWatermark = log.highWatermark;
            this.lastAppendTimeMs = log.lastAppendTimeMs;
        }
    }

    final Databases db;
    final Txn<ByteBuffer> txn;
    final long nowMs;
    final Map<ShardLog, PendingShard> pending = new HashMap<>();
    /** Logs whose waiters must all be woken after commit: closed shards, deleted streams. */
    final List<ShardLog> closedLogs = new ArrayList<>();
    /** Operations to queue after commit: the next step of bounded deletions. */
    final List<WriteOp<?>> followUps = new ArrayList<>();

    Catalog catalog;
    long nextShardKey;
    long lastBatchShard;
    long lastBatchOffset;
    int batches;
    long bytes;
    private final ByteBuffer key = ByteBuffer.allocateDirect(Keys.PAIR_BYTES);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64);

    WriteTxn(Databases db, Txn<ByteBuffer> txn, long nowMs, Catalog catalog, long nextShardKey, long[] lastBatchKey) {
        this.db = db;
        this.txn = txn;
        this.nowMs = nowMs;
        this.catalog = catalog;
        this.nextShardKey = nextShardKey;
        this.lastBatchShard = lastBatchKey[0];
        this.lastBatchOffset = lastBatchKey[1];
    }

    StreamEntry stream(String name) {
        StreamEntry entry = catalog.get(name);
        if (entry == null) {
            throw new UnknownStreamException("Stream " + name + " does not exist");
        }
        return entry;
    }

    ShardLog log(ShardRef ref) {
        StreamEntry entry = stream(ref.stream());
        ShardLog log = entry.log(ref.shard());
        if (log == null) {
            throw new UnknownShardException("Stream " + ref.stream() + " has no shard " + ref.shard());
        }
        return log;
    }

    PendingShard pending(ShardLog log) {
        return pending.computeIfAbsent(log, PendingShard::new);
    }

    ByteBuffer key(long a, long b) {
        return Keys.pair(key, a, b);
    }

    ByteBuffer key(long a) {
        return Keys.single(key, a);
    }

    /**
     * Reserves space for a batch value at {@code (shardKey, offset)}, with {@code MDB_APPEND} when the key is
     * larger than every key already in the database (LMDB then fills pages instead of splitting them).
     */
    ByteBuffer reserveBatch(long shardKey, long offset, int size) {
        ByteBuffer k = key(shardKey, offset);
        boolean last = Keys.greater(shardKey, offset, lastBatchShard, lastBatchOffset);
        ByteBuffer reserved =
                last ? db.batches.reserve(txn, k, size, PutFlags.MDB_APPEND) : db.batches.reserve(txn, k, size);
        if (last) {
            lastBatchShard = shardKey;
            lastBatchOffset = offset;
        }
        return reserved;
    }

    /** A scratch direct buffer holding {@code value}, valid until the next call. */
    ByteBuffer value(long v) {
        value.clear();
        value.putLong(v).flip();
        return value;
    }

    /** Writes the pending offsets of every shard this transaction touched. */
    void writeShardStates() {
        for (Map.Entry<ShardLog, PendingShard> entry : pending.entrySet()) {
            PendingShard p = entry.getValue();
            value.clear();
            value.putLong(p.logStartOffset)
                    .putLong(p.highWatermark)
                    .putLong(p.lastAppendTimeMs)
                    .flip();
            db.shards.put(txn, key(entry.getKey().key), value);
        }
    }

    void writeNextShardKey() {
        value.clear();
        value.putLong(nextShardKey).flip();
        db.meta.put(txn, Keys.utf8(Writer.NEXT_SHARD_KEY), value);
        value.clear();
        value.putInt(Writer.FORMAT_VERSION).flip();
        db.meta.put(txn, Keys.utf8(Writer.FORMAT), value);
    }
}
