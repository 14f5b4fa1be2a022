package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeLimits, with the account's channels (ADR 0019). Wire names as in the AWS SDK's DescribeLimitsResponse. */
public record DescribeLimitsOutput(
        @JsonProperty("ShardLimit") int shardLimit,
        @JsonProperty("OpenShardCount") int openShardCount,
        @JsonProperty("OnDemandStreamCount") int onDemandStreamCount,
        @JsonProperty("OnDemandStreamCountLimit") int onDemandStreamCountLimit,
        @JsonProperty("ChannelCount") int channelCount,
        @JsonProperty("ChannelCountLimit") int channelCountLimit) {}
