package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The input of UpdateStreamRecordDistributionStrategy. Wire names as in the AWS SDK's
 * UpdateStreamRecordDistributionStrategyRequest.
 */
public record UpdateStreamRecordDistributionStrategyInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("RecordDistributionStrategy") String recordDistributionStrategy) {}
