package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.message.ProduceResponseData.BatchIndexAndErrorMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.store.StreamSettings;

/**
 * The per-record checks Apache Kafka's log validator makes before an append, with its errors and messages: on
 * {@code CreateTime} topics each record's timestamp must lie within {@code message.timestamp.before.max.ms} before
 * and {@code message.timestamp.after.max.ms} after the broker's clock, and producers may not send
 * {@code LogAppendTime} batches; on compacted topics every record needs a key. The common case costs one look at
 * each batch header: records are iterated (and decompressed) only on compacted topics, when a before-limit is set,
 * or to name the records of a batch that fails.
 */
final class RecordValidation {

    /** A failed validation: the partition's error, its message and the records at fault. */
    record Failure(Errors error, String message, List<BatchIndexAndErrorMessage> recordErrors) {}

    private final boolean createTime;
    private final boolean compacted;
    private final long beforeMax;
    private final long afterMax;
    private final String partition;
    private final long nowMs;
    private final List<BatchIndexAndErrorMessage> errors = new ArrayList<>();
    private boolean timestampError;

    private RecordValidation(StreamSettings settings, String partition, long nowMs) {
        this.createTime = settings.timestampType() == TimestampType.CREATE_TIME;
        this.compacted = TopicConfigs.value(settings, TopicConfigs.CLEANUP_POLICY)
                .value()
                .contains("compact");
        this.beforeMax = Long.parseLong(
                TopicConfigs.value(settings, "message.timestamp.before.max.ms").value());
        this.afterMax = Long.parseLong(
                TopicConfigs.value(settings, "message.timestamp.after.max.ms").value());
        this.partition = partition;
        this.nowMs = nowMs;
    }

    /**
     * @param partition {@code topic-partition}, for messages
     * @return the failure, or empty when every record passes (malformed batches pass: the store answers them)
     */
    static Optional<Failure> validate(MemoryRecords records, StreamSettings settings, String partition, long nowMs) {
        RecordValidation validation = new RecordValidation(settings, partition, nowMs);
        try {
            if (!validation.needsRecords(records)) {
                return Optional.empty();
            }
            validation.checkRecords(records);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        return validation.failure();
    }

    /** Whether the batch headers leave any doubt. */
    private boolean needsRecords(MemoryRecords records) {
        if (compacted || (createTime && beforeMax < Long.MAX_VALUE)) {
            return true;
        }
        for (RecordBatch batch : records.batches()) {
            if (!batch.isControlBatch()
                    && (batch.timestampType() == TimestampType.LOG_APPEND_TIME
                            || (createTime && batch.maxTimestamp() - nowMs > afterMax))) {
                return true;
            }
        }
        return false;
    }

    private void checkRecords(MemoryRecords records) {
        int index = 0;
        for (RecordBatch batch : records.batches()) {
            if (batch.isControlBatch()) {
                continue;
            }
            for (Record record : batch) {
                String message = check(batch, record);
                if (message != null) {
                    errors.add(
                            new BatchIndexAndErrorMessage().setBatchIndex(index).setBatchIndexErrorMessage(message));
                }
                index++;
            }
        }
    }

    private String check(RecordBatch batch, Record record) {
        if (compacted && !record.hasKey()) {
            return "Compacted topic cannot accept message without key in topic partition " + partition;
        }
        if (createTime && record.timestamp() != RecordBatch.NO_TIMESTAMP) {
            long diff = nowMs - record.timestamp();
            if (diff > beforeMax || -diff > afterMax) {
                timestampError = true;
                return "Timestamp " + record.timestamp() + " of message with offset " + record.offset()
                        + " is out of range. The timestamp should be within [" + (nowMs - beforeMax) + ", "
                        + (nowMs + afterMax) + "]";
            }
        } else if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            timestampError = true;
            return "Invalid timestamp type in message " + record + ". Producer should not set timestamp type to "
                    + "LogAppendTime.";
        }
        return null;
    }

    private Optional<Failure> failure() {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        if (timestampError) {
            return Optional.of(new Failure(
                    Errors.INVALID_TIMESTAMP,
                    "One or more records have been rejected due to invalid timestamp",
                    errors));
        }
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            BatchIndexAndErrorMessage error = errors.get(i);
            shown.append(i == 0 ? "" : ", ")
                    .append("RecordError(batchIndex=")
                    .append(error.batchIndex())
                    .append(", message='")
                    .append(error.batchIndexErrorMessage())
                    .append("')");
        }
        return Optional.of(new Failure(
                Errors.INVALID_RECORD,
                "One or more records have been rejected due to " + errors.size() + " record errors in total, and only"
                        + " showing the first three errors at most: " + shown.append(']'),
                errors));
    }
}
