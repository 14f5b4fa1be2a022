package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * What IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod share: 24–8760 hours (D7), never in the
 * wrong direction, with AWS's messages; the new retention is the stream's {@code retentionMs}, shared with Kafka's
 * {@code retention.ms}.
 */
final class Retention {

    static final int MIN_HOURS = 24;
    static final int MAX_HOURS = 8760;

    private Retention() {}

    static CompletionStage<EmptyResult> change(
            KinesisServices services, String streamName, String streamArn, Integer hours, boolean increase) {
        Validation validation = new Validation();
        validation.required("retentionPeriodHours", hours);
        Streams.validate(validation, streamName, streamArn);
        validation.check();

        String name = Streams.name(services, streamName, streamArn);
        Stream stream = Streams.findUsable(services, name);
        if (hours < MIN_HOURS) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Minimum allowed retention period is " + MIN_HOURS + " hours. Requested retention period (" + hours
                            + " hours) is too short.");
        }
        if (hours > MAX_HOURS) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Maximum allowed retention period is " + MAX_HOURS + " hours. Requested retention period (" + hours
                            + " hours) is too long.");
        }
        int current = Streams.retentionHours(stream);
        if (increase && hours < current) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Requested retention period (" + hours + " hours) for stream " + name
                            + " can not be shorter than existing retention period (" + current
                            + " hours). Use DecreaseRetentionPeriod API.");
        }
        if (!increase && hours > current) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Requested retention period (" + hours + " hours) for stream " + name
                            + " can not be longer than existing retention period (" + current
                            + " hours). Use IncreaseRetentionPeriod API.");
        }
        long ms = hours * 3_600_000L;
        return services.store()
                .alterStream(name, settings -> settings.withRetentionMs(ms))
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    return EmptyResult.INSTANCE;
                });
    }
}
