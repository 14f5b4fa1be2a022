package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.Stream;

/**
 * SplitShard: closes an open shard of a Kinesis-origin stream (D4) and opens two children taking the next shard
 * indexes, {@code [start, NewStartingHashKey - 1]} and {@code [NewStartingHashKey, end]}, both with the parent as
 * {@code ParentShardId}. The stream is {@code UPDATING} for the status delay (see {@link Resharding}).
 */
public final class SplitShardOperation implements KinesisOperation<SplitShardInput, EmptyResult> {

    private final KinesisServices services;

    public SplitShardOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "SplitShard";
    }

    @Override
    public Class<SplitShardInput> inputType() {
        return SplitShardInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(SplitShardInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("shardToSplit", input.shardToSplit())) {
            validation.string("shardToSplit", input.shardToSplit(), 1, Constraints.SHARD_ID_MAX, Constraints.SHARD_ID);
        }
        if (validation.required("newStartingHashKey", input.newStartingHashKey())) {
            validation.hashKey("newStartingHashKey", input.newStartingHashKey());
        }
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();

        String name = Streams.name(services, input.streamName(), input.streamArn());
        Stream stream = Resharding.stream(services, name, name());
        Shard parent = Resharding.shard(services, stream, input.shardToSplit());
        Resharding.requireOpen(services, stream, parent, "splitting");
        BigInteger key = new BigInteger(input.newStartingHashKey());
        BigInteger start = parent.range().start();
        BigInteger end = parent.range().end();
        if (key.compareTo(Resharding.next(start)) <= 0 || key.compareTo(end) >= 0) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "NewStartingHashKey " + input.newStartingHashKey() + " used in SplitShard() on shard "
                            + SequenceNumbers.shardId(parent.index()) + " in stream " + name + " under account "
                            + services.accountId() + " is not both greater than one plus the shard's StartingHashKey "
                            + start + " and less than the shard's EndingHashKey " + end + ".");
        }
        Resharding.requireActive(services, stream);
        Throttling.shardQuota(services, 1);

        OptionalInt lineage = OptionalInt.of(parent.index());
        ShardChange change = new ShardChange(
                Set.of(parent.index()),
                List.of(
                        new NewShard(
                                new HashKeyRange(start, key.subtract(BigInteger.ONE)), lineage, OptionalInt.empty()),
                        new NewShard(new HashKeyRange(key, end), lineage, OptionalInt.empty())),
                Map.of());
        return Resharding.apply(services, context, name, change).thenApply(resharded -> EmptyResult.INSTANCE);
    }
}
