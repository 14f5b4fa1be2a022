package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of IncreaseStreamRetentionPeriod. Wire names as in the AWS SDK's IncreaseStreamRetentionPeriodRequest. */
public record IncreaseStreamRetentionPeriodInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("RetentionPeriodHours") Integer retentionPeriodHours,
        @JsonProperty("StreamARN") String streamArn) {}
