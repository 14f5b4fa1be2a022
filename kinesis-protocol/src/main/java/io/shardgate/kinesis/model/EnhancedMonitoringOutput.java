package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The output of EnableEnhancedMonitoring and DisableEnhancedMonitoring (spec shape {@code EnhancedMonitoringOutput}).
 * Wire names as in the AWS SDK's EnableEnhancedMonitoringResponse.
 */
public record EnhancedMonitoringOutput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("CurrentShardLevelMetrics") List<String> currentShardLevelMetrics,
        @JsonProperty("DesiredShardLevelMetrics") List<String> desiredShardLevelMetrics,
        @JsonProperty("StreamARN") String streamArn) {}
