package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of MergeShards. Wire names as in the AWS SDK's MergeShardsRequest. */
public record MergeShardsInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardToMerge") String shardToMerge,
        @JsonProperty("AdjacentShardToMerge") String adjacentShardToMerge,
        @JsonProperty("StreamARN") String streamArn) {}
