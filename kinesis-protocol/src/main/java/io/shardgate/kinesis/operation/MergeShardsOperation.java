package io.shardgate.kinesis.operation;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.MergeShardsInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.Stream;

/**
 * MergeShards: closes two open, adjacent shards (their hash-key ranges touch, in either order) of a Kinesis-origin
 * stream (D4) and opens one child over both ranges with {@code ParentShardId} = {@code ShardToMerge} and {@code
 * AdjacentParentShardId} = {@code AdjacentShardToMerge}. The stream is {@code UPDATING} for the status delay (see
 * {@link Resharding}).
 */
public final class MergeShardsOperation implements KinesisOperation<MergeShardsInput, EmptyResult> {

    private final KinesisServices services;

    public MergeShardsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "MergeShards";
    }

    @Override
    public Class<MergeShardsInput> inputType() {
        return MergeShardsInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(MergeShardsInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("shardToMerge", input.shardToMerge())) {
            validation.string("shardToMerge", input.shardToMerge(), 1, Constraints.SHARD_ID_MAX, Constraints.SHARD_ID);
        }
        if (validation.required("adjacentShardToMerge", input.adjacentShardToMerge())) {
            validation.string(
                    "adjacentShardToMerge",
                    input.adjacentShardToMerge(),
                    1,
                    Constraints.SHARD_ID_MAX,
                    Constraints.SHARD_ID);
        }
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();

        String name = Streams.name(services, input.streamName(), input.streamArn());
        Stream stream = Resharding.stream(services, name, name());
        Shard shard = Resharding.shard(services, stream, input.shardToMerge());
        Shard adjacent = Resharding.shard(services, stream, input.adjacentShardToMerge());
        Resharding.requireOpen(services, stream, shard, "merging");
        Resharding.requireOpen(services, stream, adjacent, "merging");
        Shard lower;
        Shard upper;
        if (Resharding.next(shard.range().end()).equals(adjacent.range().start())) {
            lower = shard;
            upper = adjacent;
        } else if (Resharding.next(adjacent.range().end()).equals(shard.range().start())) {
            lower = adjacent;
            upper = shard;
        } else {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Shards " + SequenceNumbers.shardId(shard.index()) + " and "
                            + SequenceNumbers.shardId(adjacent.index()) + " in stream " + name + " under account "
                            + services.accountId() + " are not an adjacent pair of shards eligible for merging");
        }
        Resharding.requireActive(services, stream);

        ShardChange change = new ShardChange(
                Set.of(shard.index(), adjacent.index()),
                List.of(new NewShard(
                        new HashKeyRange(lower.range().start(), upper.range().end()),
                        OptionalInt.of(shard.index()),
                        OptionalInt.of(adjacent.index()))),
                Map.of());
        return Resharding.apply(services, context, name, change).thenApply(resharded -> EmptyResult.INSTANCE);
    }
}
