package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

import io.shardgate.store.AppendResult;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.ShardRef;

/**
 * Appends validated batches to one shard: checks the shard is open and the producer's sequence, then copies each
 * batch once, straight into an LMDB page reserved for it, and stamps its base offset, partition leader epoch 0
 * and, for {@code LOG_APPEND_TIME} streams, its append time. The time index gets an entry whenever the shard's
 * append time moves on.
 */
final class AppendOp extends WriteOp<AppendResult> {
    /** The partition leader epoch the store writes into every batch: one node, one epoch. */
    static final int LEADER_EPOCH = 0;

    private final ShardRef ref;
    private final IncomingBatches incoming;

    AppendOp(ShardRef ref, IncomingBatches incoming) {
        this.ref = ref;
        this.incoming = incoming;
    }

    @Override
    long weight() {
        return incoming.bytes();
    }

    @Override
    AppendResult apply(WriteTxn tx) {
        StreamEntry entry = tx.stream(ref.stream());
        ShardLog log = tx.log(ref);
        Shard shard = entry.stream().shard(ref.shard());
        if (!shard.isOpen()) {
            throw new ShardClosedException("Shard " + ref.shard() + " of stream " + ref.stream()
                    + " is closed; its child shards are " + CatalogOps.children(entry.stream(), ref.shard()));
        }
        WriteTxn.PendingShard p = tx.pending(log);
        ProducerState producer = null;
        if (incoming.hasProducerId()) {
            ByteBuffer stored = tx.db.producers.get(tx.txn, tx.key(log.key, incoming.producerId()));
            if (stored == null) {
                producer = ProducerState.empty(incoming.producerEpoch());
            } else {
                producer = ProducerState.decode(stored);
                ProducerState.Appended duplicate = producer.check(
                        incoming.producerId(),
                        incoming.producerEpoch(),
                        incoming.baseSequence(),
                        incoming.lastSequence(),
                        ref.toString(),
                        p.highWatermark);
                if (duplicate != null) {
                    return new AppendResult(
                            duplicate.baseOffset(),
                            duplicate.lastOffset(),
                            RecordBatch.NO_TIMESTAMP,
                            p.logStartOffset,
                            true);
                }
            }
        }

        long appendTime = Math.max(tx.nowMs, p.lastAppendTimeMs);
        boolean logAppendTime = entry.stream().settings().timestampType() == TimestampType.LOG_APPEND_TIME;
        long baseOffset = p.highWatermark;
        long offset = baseOffset;
        ByteBuffer source = incoming.buffer();
        int position = source.position();
        for (int i = 0; i < incoming.count(); i++) {
            int size = incoming.sizes()[i];
            ByteBuffer target = tx.reserveBatch(log.key, offset, Long.BYTES + size);
            target.putLong(appendTime);
            target.put(source.duplicate().position(position).limit(position + size));
            long lastOffset = offset + incoming.lastOffsetDeltas()[i];
            MutableRecordBatch batch = MemoryRecords.readableRecords(
                            target.duplicate().position(Long.BYTES).slice())
                    .batches()
                    .iterator()
                    .next();
            batch.setLastOffset(lastOffset);
            batch.setPartitionLeaderEpoch(LEADER_EPOCH);
            if (logAppendTime) {
                batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, appendTime);
            }
            offset = lastOffset + 1;
            position += size;
        }
        if (appendTime > p.lastAppendTimeMs) {
            tx.db.times.put(tx.txn, tx.key(log.key, appendTime), tx.value(baseOffset));
        }
        p.highWatermark = offset;
        p.lastAppendTimeMs = appendTime;
        if (producer != null) {
            producer.record(
                    incoming.producerEpoch(),
                    new ProducerState.Appended(
                            incoming.baseSequence(), incoming.lastSequence(), baseOffset, offset - 1));
            ByteBuffer value = ByteBuffer.allocateDirect(producer.encodedSize());
            producer.encode(value);
            tx.db.producers.put(tx.txn, tx.key(log.key, incoming.producerId()), value.flip());
        }
        tx.batches += incoming.count();
        tx.bytes += incoming.bytes();
        return new AppendResult(baseOffset, offset - 1, appendTime, p.logStartOffset, false);
    }

    @Override
    public String toString() {
        return "append to " + ref;
    }
}
