package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of SubscribeToShard. Wire names as in the AWS SDK's SubscribeToShardInput. */
public record SubscribeToShardInput(
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("StartingPosition") StartingPosition startingPosition,
        @JsonProperty("DryRun") Boolean dryRun) {}
