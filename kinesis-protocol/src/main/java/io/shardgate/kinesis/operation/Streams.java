package io.shardgate.kinesis.operation;

import java.util.EnumSet;
import java.util.Set;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamStatus;

/**
 * Finding the stream a request addresses by {@code StreamName} or {@code StreamARN}, with AWS's errors. Catalog
 * look-ups are in memory and never block.
 */
final class Streams {

    /** The statuses in which a stream takes reads and writes, as on AWS. */
    static final Set<StreamStatus> USABLE = EnumSet.of(StreamStatus.ACTIVE, StreamStatus.UPDATING);

    private Streams() {}

    /** Validates the two optional members that name a stream. */
    static void validate(Validation validation, String streamName, String streamArn) {
        validation
                .string("streamName", streamName, 1, Constraints.STREAM_NAME_MAX, Constraints.STREAM_NAME)
                .string("streamARN", streamArn, 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
    }

    /**
     * The stream name a request addresses.
     *
     * @throws KinesisException {@code InvalidArgumentException} when neither or two different streams are named,
     *     {@code ResourceNotFoundException} for an ARN of another region or account
     */
    static String name(KinesisServices services, String streamName, String streamArn) {
        if (streamArn == null) {
            if (streamName == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT, "Either StreamName or StreamARN must be provided.");
            }
            return streamName;
        }
        String fromArn = services.arns()
                .streamName(streamArn)
                .orElseThrow(() -> new KinesisException(
                        KinesisError.RESOURCE_NOT_FOUND,
                        "Stream " + streamArn + " under account " + services.accountId() + " not found."));
        if (streamName != null && !streamName.equals(fromArn)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "StreamARN " + streamArn + " and StreamName " + streamName + " name different streams.");
        }
        return fromArn;
    }

    /** The stream called {@code name}, from the catalog. */
    static Stream find(KinesisServices services, String name) {
        return services.store().stream(name).orElseThrow(() -> notFound(services, name));
    }

    /** The stream called {@code name} if it takes reads and writes; AWS answers not-found otherwise. */
    static Stream findUsable(KinesisServices services, String name) {
        Stream stream = find(services, name);
        if (!USABLE.contains(stream.settings().status())) {
            throw notFound(services, name);
        }
        return stream;
    }

    /**
     * The stream {@code name} while it can be read and written, else AWS's {@code ResourceInUseException}: what
     * operations that attach something to a stream (a consumer, a channel) answer for a stream being created or
     * deleted.
     */
    static Stream findReady(KinesisServices services, String name) {
        Stream stream = find(services, name);
        if (!USABLE.contains(stream.settings().status())) {
            throw notActive(services, name, stream.settings().status());
        }
        return stream;
    }

    /** AWS's {@code ResourceInUseException} for a stream that is not {@code ACTIVE}. */
    static KinesisException notActive(KinesisServices services, String name, StreamStatus status) {
        return new KinesisException(
                KinesisError.RESOURCE_IN_USE,
                "Stream " + name + " under account " + services.accountId() + " not ACTIVE, instead in state "
                        + status);
    }

    static KinesisException notFound(KinesisServices services, String name) {
        return new KinesisException(
                KinesisError.RESOURCE_NOT_FOUND,
                "Stream " + name + " under account " + services.accountId() + " not found.");
    }

    /** The listed (not expired) shard a shard id names. */
    static Shard shard(KinesisServices services, Stream stream, String shardId) {
        int index = ShardViews.index(shardId);
        if (index < 0
                || index >= stream.shards().size()
                || !ShardViews.listed(stream).contains(stream.shard(index))) {
            throw new KinesisException(
                    KinesisError.RESOURCE_NOT_FOUND,
                    "Shard " + (index < 0 ? shardId : SequenceNumbers.shardId(index)) + " in stream " + stream.name()
                            + " under account " + services.accountId() + " does not exist");
        }
        return stream.shard(index);
    }

    /**
     * Ends a dry run that passed every check: AWS answers {@code DryRunOperationException} instead of doing the work.
     *
     * @throws KinesisException {@code DryRunOperationException} if {@code dryRun} is true
     */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw new KinesisException(
                    KinesisError.DRY_RUN_OPERATION, "The request would have succeeded without the DryRun parameter.");
        }
    }

    /** Retention in whole hours, as Kinesis shows it; infinite retention shows as the Kinesis maximum. */
    static int retentionHours(Stream stream) {
        long ms = stream.settings().retentionMs();
        if (ms < 0) {
            return 8760;
        }
        return (int) Math.min(Integer.MAX_VALUE, ms / 3_600_000L);
    }

    /** The stream mode kept in the stream's configs; Kafka-origin streams are provisioned. */
    static String mode(Stream stream) {
        return stream.settings().configs().getOrDefault(MODE_CONFIG, "PROVISIONED");
    }

    /** The stream config holding the Kinesis stream mode. */
    static final String MODE_CONFIG = "kinesis.streamMode";

    /** The prefix of stream configs holding Kinesis tags. */
    static final String TAG_CONFIG_PREFIX = "kinesis.tag.";
}
