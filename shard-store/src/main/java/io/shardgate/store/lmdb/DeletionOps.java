package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;

import io.shardgate.store.OffsetOutOfRangeException;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;

/**
 * Deleting data in bounded transactions. Moving the log start offset is logical and immediate (readers never go
 * below it); the batches below it are then deleted at most {@link #STEP} at a time, each step its own operation
 * queued behind the appends that were waiting, so a large deletion never stalls the writer.
 */
final class DeletionOps {
    static final int STEP = 1024;

    private DeletionOps() {}

    /** Kafka DeleteRecords: moves the log start offset to {@code offset}. */
    static final class DeleteBefore extends WriteOp<Long> {
        private final ShardRef ref;
        private final long offset;

        DeleteBefore(ShardRef ref, long offset) {
            this.ref = ref;
            this.offset = offset;
        }

        @Override
        Long apply(WriteTxn tx) {
            ShardLog log = tx.log(ref);
            WriteTxn.PendingShard p = tx.pending(log);
            if (offset > p.highWatermark || offset < 0) {
                throw new OffsetOutOfRangeException(
                        "Offset " + offset + " is outside [" + p.logStartOffset + ", " + p.highWatermark + "] of "
                                + ref,
                        p.logStartOffset,
                        p.highWatermark);
            }
            if (offset > p.logStartOffset) {
                p.logStartOffset = offset;
                tx.followUps.add(new Compact(log));
            }
            return p.logStartOffset;
        }
    }

    /**
     * Retention of one shard: batches appended before {@code cutoffMs} expire, and a closed shard whose close is
     * older than the retention expires as a whole.
     */
    static final class Retain extends WriteOp<Void> {
        private final String stream;
        private final int shard;
        private final long retentionMs;

        Retain(String stream, int shard, long retentionMs) {
            this.stream = stream;
            this.shard = shard;
            this.retentionMs = retentionMs;
        }

        @Override
        Void apply(WriteTxn tx) {
            StreamEntry entry = tx.catalog.get(stream);
            if (entry == null || entry.log(shard) == null) {
                return null;
            }
            ShardLog log = entry.logs()[shard];
            WriteTxn.PendingShard p = tx.pending(log);
            long cutoff = tx.nowMs - retentionMs;
            long newStart = firstOffsetAtOrAfter(tx, log.key, cutoff, p.highWatermark);
            if (newStart > p.logStartOffset) {
                p.logStartOffset = newStart;
                tx.followUps.add(new Compact(log));
            }
            Shard current = entry.stream().shard(shard);
            if (current.state() == ShardState.CLOSED && current.closedAtMs().orElse(Long.MAX_VALUE) <= cutoff) {
                List<Shard> shards = new ArrayList<>(entry.stream().shards());
                shards.set(shard, current.expired());
                Stream expired = entry.stream().withShards(shards);
                CatalogOps.writeStream(tx, expired, entry.shardKeys());
                tx.catalog = tx.catalog.with(new StreamEntry(expired, entry.shardKeys(), entry.logs()));
            }
            return null;
        }

        /** The base offset of the first batch appended at or after {@code timeMs}, or {@code none}. */
        private static long firstOffsetAtOrAfter(WriteTxn tx, long shardKey, long timeMs, long none) {
            try (Cursor<ByteBuffer> cursor = tx.db.times.openCursor(tx.txn)) {
                if (cursor.get(tx.key(shardKey, Math.max(0, timeMs)), GetOp.MDB_SET_RANGE)
                        && Keys.first(cursor.key()) == shardKey) {
                    return cursor.val().getLong(0);
                }
                return none;
            }
        }
    }

    /** Deletes up to {@link #STEP} batches wholly below the log start offset, and the index entries they leave. */
    static final class Compact extends WriteOp<Void> {
        private final ShardLog log;

        Compact(ShardLog log) {
            this.log = log;
        }

        @Override
        Void apply(WriteTxn tx) {
            long logStart = tx.pending(log).logStartOffset;
            int deleted = 0;
            try (Cursor<ByteBuffer> cursor = tx.db.batches.openCursor(tx.txn)) {
                while (deleted < STEP
                        && cursor.get(tx.key(log.key, 0), GetOp.MDB_SET_RANGE)
                        && Keys.first(cursor.key()) == log.key) {
                    long base = Keys.second(cursor.key());
                    long last = base + cursor.val().getInt(Long.BYTES + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET);
                    if (last >= logStart) {
                        break;
                    }
                    cursor.delete();
                    deleted++;
                }
            }
            deleted += compactTimes(tx, logStart);
            if (deleted >= STEP) {
                tx.followUps.add(new Compact(log));
            }
            return null;
        }

        /**
         * Deletes time-index entries that can no longer answer a look-up: an entry may go once the next entry
         * also points at or below the log start (the next one then answers for the same times).
         */
        private int compactTimes(WriteTxn tx, long logStart) {
            int deleted = 0;
            try (Cursor<ByteBuffer> cursor = tx.db.times.openCursor(tx.txn)) {
                while (deleted < STEP
                        && cursor.get(tx.key(log.key, 0), GetOp.MDB_SET_RANGE)
                        && Keys.first(cursor.key()) == log.key) {
                    if (!cursor.next() || Keys.first(cursor.key()) != log.key) {
                        break;
                    }
                    long nextBase = cursor.val().getLong(0);
                    if (nextBase > logStart) {
                        break;
                    }
                    cursor.prev();
                    cursor.delete();
                    deleted++;
                }
            }
            return deleted;
        }
    }

    /** Deletes everything of a shard whose stream was deleted, {@link #STEP} entries at a time. */
    static final class Purge extends WriteOp<Void> {
        private final long shardKey;
        private final ByteBuffer positionsFrom;

        Purge(long shardKey) {
            this(shardKey, null);
        }

        private Purge(long shardKey, ByteBuffer positionsFrom) {
            this.shardKey = shardKey;
            this.positionsFrom = positionsFrom;
        }

        @Override
        Void apply(WriteTxn tx) {
            int deleted = deletePrefix(tx, tx.db.batches, STEP);
            deleted += deletePrefix(tx, tx.db.times, STEP - deleted);
            deleted += deletePrefix(tx, tx.db.producers, STEP - deleted);
            if (deleted >= STEP) {
                tx.followUps.add(new Purge(shardKey));
                return null;
            }
            if (deletePositions(tx)) {
                tx.db.shards.delete(tx.txn, tx.key(shardKey));
            }
            return null;
        }

        private int deletePrefix(WriteTxn tx, Dbi<ByteBuffer> dbi, int limit) {
            int deleted = 0;
            try (Cursor<ByteBuffer> cursor = dbi.openCursor(tx.txn)) {
                while (deleted < limit
                        && cursor.get(tx.key(shardKey, 0), GetOp.MDB_SET_RANGE)
                        && Keys.first(cursor.key()) == shardKey) {
                    cursor.delete();
                    deleted++;
                }
            }
            return deleted;
        }

        /**
         * Positions are keyed by group first, so this scans them; at most {@link #STEP} entries per transaction,
         * resuming after the last key seen.
         */
        private boolean deletePositions(WriteTxn tx) {
            try (Cursor<ByteBuffer> cursor = tx.db.positions.openCursor(tx.txn)) {
                boolean more = positionsFrom == null ? cursor.first() : cursor.get(positionsFrom, GetOp.MDB_SET_RANGE);
                for (int scanned = 0; more; scanned++) {
                    ByteBuffer key = cursor.key();
                    if (scanned == STEP) {
                        tx.followUps.add(new Purge(shardKey, Keys.direct(Keys.bytes(key))));
                        return false;
                    }
                    if (key.getLong(key.limit() - Long.BYTES) == shardKey) {
                        ByteBuffer deletedKey = Keys.direct(Keys.bytes(key));
                        cursor.delete();
                        more = cursor.get(deletedKey, GetOp.MDB_SET_RANGE);
                    } else {
                        more = cursor.next();
                    }
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "purge of shard key " + shardKey;
        }
    }
}
