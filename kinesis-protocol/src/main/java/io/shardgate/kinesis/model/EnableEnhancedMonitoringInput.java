package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of EnableEnhancedMonitoring. Wire names as in the AWS SDK's EnableEnhancedMonitoringRequest. */
public record EnableEnhancedMonitoringInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics,
        @JsonProperty("StreamARN") String streamArn) {}
