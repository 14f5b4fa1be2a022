package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.DescribeStreamOutput;
import io.shardgate.kinesis.model.StreamDescription;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
import io.shardgate.store.Stream;

/**
 * DescribeStream: the stream and a page of its listed shards, in index order, after {@code ExclusiveStartShardId},
 * at most {@code Limit} (default and cap {@value #MAX_SHARDS}); {@code HasMoreShards} says whether more follow.
 * Answered from the catalog in memory.
 */
public final class DescribeStreamOperation implements KinesisOperation<DescribeStreamInput, DescribeStreamOutput> {

    /** The most shards one call returns, whatever {@code Limit} says. */
    public static final int MAX_SHARDS = 100;

    private final KinesisServices services;

    public DescribeStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeStream";
    }

    @Override
    public Class<DescribeStreamInput> inputType() {
        return DescribeStreamInput.class;
    }

    @Override
    public CompletionStage<DescribeStreamOutput> execute(DescribeStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation
                .range("limit", input.limit(), 1, Constraints.LIMIT_MAX)
                .string(
                        "exclusiveStartShardId",
                        input.exclusiveStartShardId(),
                        1,
                        Constraints.SHARD_ID_MAX,
                        Constraints.SHARD_ID);
        validation.check();
        Stream stream = Streams.find(services, Streams.name(services, input.streamName(), input.streamArn()));
        int limit = Math.min(MAX_SHARDS, input.limit() == null ? MAX_SHARDS : input.limit());
        int after = input.exclusiveStartShardId() == null ? -1 : ShardViews.index(input.exclusiveStartShardId());
        List<Shard> candidates = ShardViews.listed(stream).stream()
                .filter(shard -> input.exclusiveStartShardId() == null || shard.index() > after)
                .toList();
        List<io.shardgate.kinesis.model.Shard> page =
                candidates.stream().limit(limit).map(ShardViews::view).toList();
        return CompletableFuture.completedFuture(new DescribeStreamOutput(new StreamDescription(
                stream.name(),
                services.arns().arn(stream.name()),
                stream.settings().status().name(),
                new StreamModeDetails(Streams.mode(stream)),
                page,
                candidates.size() > page.size(),
                Streams.retentionHours(stream),
                Instant.ofEpochMilli(stream.createdAtMs()),
                StreamConfigs.enhancedMonitoring(stream),
                StreamConfigs.encryptionType(stream),
                StreamConfigs.keyId(stream))));
    }
}
