package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

import io.shardgate.store.RecordTimestamp;

/**
 * Searches a shard's records by timestamp inside one read transaction, reading batch headers in place (LMDB maps
 * them) and decompressing only the batch that holds the answer. Timestamps are the records' own: create time, or
 * append time in log-append-time batches, so the answers are Kafka's ({@code ListOffsets} by timestamp and
 * {@code MAX_TIMESTAMP}). Both scan the shard's batch headers from the log start: a few bytes per batch.
 */
final class TimestampSearch {
    private TimestampSearch() {}

    /** The first record at or after {@code logStart} whose timestamp is at least {@code target}. */
    static Optional<RecordTimestamp> first(
            Txn<ByteBuffer> txn,
            Databases db,
            ShardLog log,
            long from,
            long logStart,
            long highWatermark,
            long target) {
        try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
            if (!seek(cursor, log.key, from)) {
                return Optional.empty();
            }
            do {
                if (Keys.first(cursor.key()) != log.key || Keys.second(cursor.key()) >= highWatermark) {
                    return Optional.empty();
                }
                MutableRecordBatch batch = batch(cursor.val());
                if (!batch.isControlBatch() && batch.maxTimestamp() >= target) {
                    for (Record record : batch) {
                        if (record.offset() >= logStart && record.timestamp() >= target) {
                            return Optional.of(new RecordTimestamp(record.offset(), record.timestamp()));
                        }
                    }
                }
            } while (cursor.next());
        }
        return Optional.empty();
    }

    /** The first record at or after {@code logStart} with the largest timestamp of the shard. */
    static Optional<RecordTimestamp> max(
            Txn<ByteBuffer> txn, Databases db, ShardLog log, long logStart, long highWatermark) {
        long maxTimestamp = Long.MIN_VALUE;
        long maxBatch = -1;
        try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
            if (!seek(cursor, log.key, logStart)) {
                return Optional.empty();
            }
            do {
                if (Keys.first(cursor.key()) != log.key || Keys.second(cursor.key()) >= highWatermark) {
                    break;
                }
                MutableRecordBatch batch = batch(cursor.val());
                if (!batch.isControlBatch() && batch.maxTimestamp() > maxTimestamp) {
                    maxTimestamp = batch.maxTimestamp();
                    maxBatch = Keys.second(cursor.key());
                }
            } while (cursor.next());
        }
        return maxBatch < 0 ? Optional.empty() : first(txn, db, log, maxBatch, logStart, highWatermark, maxTimestamp);
    }

    /** Positions the cursor on the batch holding {@code offset}, or the next one; false when there is none. */
    private static boolean seek(Cursor<ByteBuffer> cursor, long shardKey, long offset) {
        ByteBuffer key = Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), shardKey, offset);
        boolean found = cursor.get(key, GetOp.MDB_SET_RANGE);
        if (found && Keys.first(cursor.key()) == shardKey && Keys.second(cursor.key()) == offset) {
            return true;
        }
        if (found ? cursor.prev() : cursor.last()) {
            if (Keys.first(cursor.key()) == shardKey) {
                return true;
            }
            return cursor.next() && Keys.first(cursor.key()) == shardKey;
        }
        return found && cursor.first() && Keys.first(cursor.key()) == shardKey;
    }

    /** A view of a stored value's batch (after the 8-byte append time); valid while the transaction is open. */
    private static MutableRecordBatch batch(ByteBuffer value) {
        ByteBuffer data =
                value.duplicate().position(value.position() + Long.BYTES).slice();
        return MemoryRecords.readableRecords(data).batchIterator().next();
    }
}
