package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.SequenceNumberUse;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.GetShardIteratorOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.Stream;

/**
 * GetShardIterator: a sealed iterator (D12) for the offset the iterator type names:
 *
 * <ul>
 *   <li>{@code TRIM_HORIZON}: the log start offset; {@code LATEST}: the high watermark;
 *   <li>{@code AT_SEQUENCE_NUMBER}, {@code AFTER_SEQUENCE_NUMBER}: the offset the number encodes (ADR 0002), or the
 *       one after it; a number below the trim horizon starts there; a SubscribeToShard continuation marker
 *       ({@link SequenceNumbers#before}) starts at its offset;
 *   <li>{@code AT_TIMESTAMP}: the first batch appended at or after {@code Timestamp} (append time, D5), else the high
 *       watermark.
 * </ul>
 */
public final class GetShardIteratorOperation
        implements KinesisOperation<GetShardIteratorInput, GetShardIteratorOutput> {

    private final KinesisServices services;

    public GetShardIteratorOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "GetShardIterator";
    }

    @Override
    public Class<GetShardIteratorInput> inputType() {
        return GetShardIteratorInput.class;
    }

    @Override
    public CompletionStage<GetShardIteratorOutput> execute(GetShardIteratorInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        if (validation.required("shardId", input.shardId())) {
            validation.string("shardId", input.shardId(), 1, Constraints.SHARD_ID_MAX, Constraints.SHARD_ID);
        }
        if (validation.required("shardIteratorType", input.shardIteratorType())) {
            validation.oneOf("shardIteratorType", input.shardIteratorType(), Constraints.SHARD_ITERATOR_TYPES);
        }
        validation.string(
                "startingSequenceNumber",
                input.startingSequenceNumber(),
                0,
                Integer.MAX_VALUE,
                Constraints.SEQUENCE_NUMBER);
        validation.check();
        String type = input.shardIteratorType();
        boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (bySequence != (input.startingSequenceNumber() != null)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or"
                            + " (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " + type
                            + " and " + (input.startingSequenceNumber() == null ? "no " : "also a ")
                            + "StartingSequenceNumber.");
        }
        long now = services.clock().millis();
        if (type.equals("AT_TIMESTAMP")) {
            if (input.timestamp() == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request"
                                + " has no timestamp parameter.");
            }
            if (input.timestamp().toEpochMilli() > now) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis."
                                + " timestampInMillis: " + input.timestamp().toEpochMilli()
                                + ", currentTimestampInMillis: " + now);
            }
        } else if (input.timestamp() != null) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Must specify either timestamp or sequence number parameter but not both. Current request has"
                            + " iterator type " + type + " and a timestamp.");
        }
        Stream stream = Streams.findUsable(services, Streams.name(services, input.streamName(), input.streamArn()));
        Shard shard = Streams.shard(services, stream, input.shardId());
        ShardRef ref = new ShardRef(stream.name(), shard.index());
        long sequenceOffset = bySequence
                ? SequenceNumbers.startOffset(
                        input.startingSequenceNumber(),
                        shard,
                        SequenceNumberUse.getShardIterator(stream.name(), services.accountId()),
                        type.equals("AFTER_SEQUENCE_NUMBER"))
                : 0;
        Streams.dryRun(input.dryRun());
        return services.store()
                .offsets(ref)
                .thenCompose(offsets -> switch (type) {
                    case "TRIM_HORIZON" -> done(offsets.logStartOffset());
                    case "LATEST" -> done(offsets.highWatermark());
                    case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> done(clamp(sequenceOffset, offsets));
                    default ->
                        services.store()
                                .offsetForAppendTime(ref, input.timestamp().toEpochMilli())
                                .thenApply(found -> clamp(found.orElse(offsets.highWatermark()), offsets));
                })
                .thenApply(offset ->
                        new GetShardIteratorOutput(services.iterators().seal(stream.name(), shard.index(), offset)));
    }

    private static CompletionStage<Long> done(long offset) {
        return java.util.concurrent.CompletableFuture.completedFuture(offset);
    }

    /** Offsets below the trim horizon start at it. */
    private static long clamp(long offset, ShardOffsets offsets) {
        return Math.max(offset, offsets.logStartOffset());
    }
}
