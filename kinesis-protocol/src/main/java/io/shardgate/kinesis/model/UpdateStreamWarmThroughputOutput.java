package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of UpdateStreamWarmThroughput. Wire names as in the AWS SDK's UpdateStreamWarmThroughputResponse. */
public record UpdateStreamWarmThroughputOutput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("WarmThroughput") WarmThroughputObject warmThroughput) {}
