package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.UpdateShardCountInput;
import io.shardgate.kinesis.model.UpdateShardCountOutput;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.Stream;

/**
 * UpdateShardCount with {@code UNIFORM_SCALING}: at most double and at least half the open shard count per call, as
 * on AWS. AWS gets there by splits and merges; Shardgate does it in one store {@code reshard} that closes every open
 * shard and opens {@code TargetShardCount} shards with uniform hash-key ranges. Lineage: a new shard's {@code
 * ParentShardId} is the old shard holding its starting hash key and its {@code AdjacentParentShardId} the old shard
 * holding its ending hash key when that is another one, so that readers draining parents first keep per-key order
 * whenever a new shard overlaps at most two old ones (always the case when scaling 1 → 2 → 1 or by powers of two).
 * A target equal to the open shard count changes nothing.
 */
public final class UpdateShardCountOperation
        implements KinesisOperation<UpdateShardCountInput, UpdateShardCountOutput> {

    private static final List<String> SCALING_TYPES = List.of("UNIFORM_SCALING");

    private final KinesisServices services;

    public UpdateShardCountOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateShardCount";
    }

    @Override
    public Class<UpdateShardCountInput> inputType() {
        return UpdateShardCountInput.class;
    }

    @Override
    public CompletionStage<UpdateShardCountOutput> execute(UpdateShardCountInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("targetShardCount", input.targetShardCount())) {
            validation.range("targetShardCount", input.targetShardCount(), 1, Integer.MAX_VALUE);
        }
        if (validation.required("scalingType", input.scalingType())) {
            validation.oneOf("scalingType", input.scalingType(), SCALING_TYPES);
        }
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();

        String name = Streams.name(services, input.streamName(), input.streamArn());
        Stream stream = Resharding.stream(services, name, name());
        Resharding.requireActive(services, stream);
        List<Shard> open = stream.openShards();
        int current = open.size();
        int target = input.targetShardCount();
        if ((long) target > 2L * current) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "UpdateShardCount cannot scale up over double your current open shard count. Current open shard"
                            + " count: " + current + " Target shard count: " + target);
        }
        if (2L * target < current) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "UpdateShardCount cannot scale down below half your current open shard count. Current open"
                            + " shard count: " + current + " Target shard count: " + target);
        }
        UpdateShardCountOutput output = new UpdateShardCountOutput(
                name, current, target, services.arns().arn(name));
        if (target == current) {
            return CompletableFuture.completedFuture(output);
        }
        Throttling.shardQuota(services, (long) target - current);
        ShardChange change = new ShardChange(
                open.stream().map(Shard::index).collect(Collectors.toSet()), uniform(open, target), Map.of());
        return Resharding.apply(services, context, name, change).thenApply(resharded -> output);
    }

    /** {@code target} shards with uniform ranges, each with the old shards holding its first and last hash key. */
    static List<NewShard> uniform(List<Shard> open, int target) {
        List<NewShard> shards = new ArrayList<>(target);
        for (HashKeyRange range : HashKeyRange.uniform(target)) {
            int parent = holder(open, range.start());
            int last = holder(open, range.end());
            shards.add(new NewShard(
                    range, OptionalInt.of(parent), last == parent ? OptionalInt.empty() : OptionalInt.of(last)));
        }
        return shards;
    }

    private static int holder(List<Shard> open, BigInteger key) {
        return open.stream()
                .filter(shard -> shard.range().contains(key))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("open shards do not tile the hash-key space"))
                .index();
    }
}
