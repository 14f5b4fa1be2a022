package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateStreamWarmThroughput. Wire names as in the AWS SDK's UpdateStreamWarmThroughputRequest. */
public record UpdateStreamWarmThroughputInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps) {}
