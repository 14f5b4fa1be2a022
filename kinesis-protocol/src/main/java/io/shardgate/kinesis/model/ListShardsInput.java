package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListShards. Wire names as in the AWS SDK's ListShardsInput. */
public record ListShardsInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("ExclusiveStartShardId") String exclusiveStartShardId,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("ShardFilter") ShardFilter shardFilter,
        @JsonProperty("StreamARN") String streamArn) {}
