package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;

import io.shardgate.store.InvalidBatchException;

/**
 * The batches of one append, validated on the caller's thread before they are queued for the writer: magic 2,
 * CRC, sizes and offset range of every batch, the whole buffer consumed, and at most one batch when a producer id
 * is present (Kafka's rule for idempotent and transactional producers).
 */
record IncomingBatches(
        ByteBuffer buffer,
        int[] sizes,
        int[] lastOffsetDeltas,
        long producerId,
        short producerEpoch,
        int baseSequence,
        int lastSequence) {

    static IncomingBatches validate(ByteBuffer batches, int maxBytes) {
        ByteBuffer buffer = batches.duplicate();
        int total = buffer.remaining();
        if (total == 0) {
            throw new InvalidBatchException("an append needs at least one record batch");
        }
        if (total > maxBytes) {
            throw new InvalidBatchException(
                    "the append has " + total + " bytes, more than the store's limit of " + maxBytes);
        }
        int count = 0;
        int consumed = 0;
        int[] sizes = new int[4];
        int[] deltas = new int[4];
        long producerId = RecordBatch.NO_PRODUCER_ID;
        short epoch = RecordBatch.NO_PRODUCER_EPOCH;
        int baseSequence = RecordBatch.NO_SEQUENCE;
        int lastSequence = RecordBatch.NO_SEQUENCE;
        try {
            for (MutableRecordBatch batch :
                    MemoryRecords.readableRecords(buffer.duplicate()).batches()) {
                if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
                    throw new InvalidBatchException(
                            "record batch magic " + batch.magic() + " is not supported; the store keeps magic 2");
                }
                if (batch.sizeInBytes() < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
                    throw new InvalidBatchException("record batch of " + batch.sizeInBytes() + " bytes is too small");
                }
                batch.ensureValid();
                checkOffsetRange(batch);
                if (count == sizes.length) {
                    sizes = java.util.Arrays.copyOf(sizes, count * 2);
                    deltas = java.util.Arrays.copyOf(deltas, count * 2);
                }
                sizes[count] = batch.sizeInBytes();
                deltas[count] = (int) (batch.lastOffset() - batch.baseOffset());
                if (batch.hasProducerId()) {
                    producerId = batch.producerId();
                    epoch = batch.producerEpoch();
                    baseSequence = batch.baseSequence();
                    lastSequence = batch.lastSequence();
                }
                consumed += batch.sizeInBytes();
                count++;
            }
        } catch (InvalidBatchException e) {
            throw e;
        } catch (KafkaException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidBatchException("corrupt record batch: " + e.getMessage());
        }
        if (count == 0 || consumed != total) {
            throw new InvalidBatchException("the append has " + total + " bytes but its record batches cover "
                    + consumed + ": a batch is truncated or its length is wrong");
        }
        if (count > 1 && producerId != RecordBatch.NO_PRODUCER_ID) {
            throw new InvalidBatchException(
                    "an append from an idempotent or transactional producer must hold exactly one batch, not " + count);
        }
        return new IncomingBatches(
                buffer,
                java.util.Arrays.copyOf(sizes, count),
                java.util.Arrays.copyOf(deltas, count),
                producerId,
                epoch,
                baseSequence,
                lastSequence);
    }

    private static void checkOffsetRange(RecordBatch batch) {
        long countFromOffsets = batch.lastOffset() - batch.baseOffset() + 1;
        Integer count = batch.countOrNull();
        if (countFromOffsets <= 0 || countFromOffsets > Integer.MAX_VALUE) {
            throw new InvalidBatchException("record batch has an invalid offset range: [" + batch.baseOffset() + ", "
                    + batch.lastOffset() + "]");
        }
        if (count == null || count <= 0) {
            throw new InvalidBatchException("record batch reports an invalid record count: " + count);
        }
        if (countFromOffsets != count) {
            throw new InvalidBatchException("record batch offset range [" + batch.baseOffset() + ", "
                    + batch.lastOffset() + "] does not match its count of records " + count);
        }
    }

    int count() {
        return sizes.length;
    }

    long bytes() {
        return buffer.remaining();
    }

    boolean hasProducerId() {
        return producerId != RecordBatch.NO_PRODUCER_ID;
    }

    /** Records in the append: the sum of each batch's offset range. */
    long records() {
        long records = 0;
        for (int delta : lastOffsetDeltas) {
            records += delta + 1L;
        }
        return records;
    }
}
