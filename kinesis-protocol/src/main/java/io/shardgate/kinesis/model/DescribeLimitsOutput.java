package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeLimits. Wire names as in the AWS SDK's DescribeLimitsResponse. */
public record DescribeLimitsOutput(
        @JsonProperty("ShardLimit") int shardLimit,
        @JsonProperty("OpenShardCount") int openShardCount,
        @JsonProperty("OnDemandStreamCount") int onDemandStreamCount,
        @JsonProperty("OnDemandStreamCountLimit") int onDemandStreamCountLimit) {}
