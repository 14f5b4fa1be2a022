package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The shard-level metrics enabled on a stream. Wire names as in the AWS SDK's EnhancedMetrics. */
public record EnhancedMetrics(
        @JsonProperty("ShardLevelMetrics") List<String> shardLevelMetrics) {}
