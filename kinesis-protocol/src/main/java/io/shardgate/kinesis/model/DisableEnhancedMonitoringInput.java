package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DisableEnhancedMonitoring. Wire names as in the AWS SDK's DisableEnhancedMonitoringRequest. */
public record DisableEnhancedMonitoringInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics,
        @JsonProperty("StreamARN") String streamArn) {}
