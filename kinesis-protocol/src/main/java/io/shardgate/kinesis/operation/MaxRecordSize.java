package io.shardgate.kinesis.operation;

import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * A stream's maximum record size as Kinesis sees it (ADR 0015). It is the store's {@code maxRecordBytes}, shared with
 * Kafka's {@code max.message.bytes}, in whole KiB and held to the Kinesis range {@value
 * Constraints#MAX_RECORD_SIZE_KIB_MIN}–{@value Constraints#MAX_RECORD_SIZE_KIB_MAX} KiB: a Kafka topic's default
 * (1 MiB + 12 bytes) is 1024 KiB, and a topic whose {@code max.message.bytes} is below 1 MiB still takes 1 MiB Kinesis
 * records, as no Kinesis stream takes fewer.
 */
final class MaxRecordSize {

    private MaxRecordSize() {}

    /** {@code MaxRecordSizeInKiB} of the stream. */
    static int kib(Stream stream) {
        int kib = stream.settings().maxRecordBytes() / 1024;
        return Math.max(Constraints.MAX_RECORD_SIZE_KIB_MIN, Math.min(Constraints.MAX_RECORD_SIZE_KIB_MAX, kib));
    }

    /** The most data bytes one record of the stream may carry. */
    static int bytes(Stream stream) {
        return kib(stream) * 1024;
    }

    /**
     * Checks one record's data against the stream's maximum record size, worded as AWS words it (the value is not
     * shown): {@code Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than
     * or equal to 1048576}.
     */
    static void check(Validation validation, Object member, byte[] data, Stream stream) {
        validation.maxLengthUnshown(member, data.length, bytes(stream));
    }
}
