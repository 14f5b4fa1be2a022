package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of UpdateShardCount. Wire names as in the AWS SDK's UpdateShardCountResponse. */
public record UpdateShardCountOutput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("CurrentShardCount") Integer currentShardCount,
        @JsonProperty("TargetShardCount") Integer targetShardCount,
        @JsonProperty("StreamARN") String streamArn) {}
