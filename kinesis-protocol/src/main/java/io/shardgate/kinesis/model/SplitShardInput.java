package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of SplitShard. Wire names as in the AWS SDK's SplitShardRequest. */
public record SplitShardInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardToSplit") String shardToSplit,
        @JsonProperty("NewStartingHashKey") String newStartingHashKey,
        @JsonProperty("StreamARN") String streamArn) {}
