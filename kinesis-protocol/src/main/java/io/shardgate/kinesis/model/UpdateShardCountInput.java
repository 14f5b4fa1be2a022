package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateShardCount. Wire names as in the AWS SDK's UpdateShardCountRequest. */
public record UpdateShardCountInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("TargetShardCount") Integer targetShardCount,
        @JsonProperty("ScalingType") String scalingType,
        @JsonProperty("StreamARN") String streamArn) {}
