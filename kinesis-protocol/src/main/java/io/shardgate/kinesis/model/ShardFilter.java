package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which shards ListShards returns. Wire names as in the AWS SDK's ShardFilter. */
public record ShardFilter(
        @JsonProperty("Type") String type,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("Timestamp") Instant timestamp) {}
