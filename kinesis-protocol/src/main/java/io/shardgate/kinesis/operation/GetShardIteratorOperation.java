package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.SequenceNumberUse;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.GetShardIteratorOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
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
 *
 * As AWS answers (kinesalite's suite, checked against AWS): a shard id that names no shard index is "Could not find
 * shard …", and a stream that does not exist (or is not usable) is reported as the shard not existing.
 *
 * On a stream with budgets (D8) each shard takes 5 requests per second; more are AWS's
 * {@code ProvisionedThroughputExceededException}.
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
        StartingPositions.check(
                type,
                input.startingSequenceNumber(),
                input.timestamp(),
                services.clock().millis(),
                StartingPositions.GET_SHARD_ITERATOR);
        String name = Streams.name(services, input.streamName(), input.streamArn());
        int index = ShardViews.index(input.shardId());
        if (index < 0) {
            throw new KinesisException(
                    KinesisError.RESOURCE_NOT_FOUND,
                    "Could not find shard " + input.shardId() + " in stream " + name + " under account "
                            + services.accountId() + ".");
        }
        Stream stream = services.store().stream(name)
                .filter(found -> Streams.USABLE.contains(found.settings().status()))
                .orElseThrow(() -> new KinesisException(
                        KinesisError.RESOURCE_NOT_FOUND,
                        "Shard " + SequenceNumbers.shardId(index) + " in stream " + name + " under account "
                                + services.accountId() + " does not exist"));
        Shard shard = Streams.shard(services, stream, input.shardId());
        ShardRef ref = new ShardRef(stream.name(), shard.index());
        long sequenceOffset = StartingPositions.bySequence(type)
                ? SequenceNumbers.startOffset(
                        input.startingSequenceNumber(),
                        shard,
                        SequenceNumberUse.getShardIterator(stream.name(), services.accountId()),
                        type.equals("AFTER_SEQUENCE_NUMBER"))
                : 0;
        Streams.dryRun(input.dryRun());
        Throttling.iteratorCall(services, stream, shard.index());
        return StartingPositions.resolve(services.store(), ref, type, sequenceOffset, input.timestamp())
                .thenApply(offset ->
                        new GetShardIteratorOutput(services.iterators().seal(stream.name(), shard.index(), offset)));
    }
}
