package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DecreaseStreamRetentionPeriod. Wire names as in the AWS SDK's DecreaseStreamRetentionPeriodRequest. */
public record DecreaseStreamRetentionPeriodInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("RetentionPeriodHours") Integer retentionPeriodHours,
        @JsonProperty("StreamARN") String streamArn) {}
