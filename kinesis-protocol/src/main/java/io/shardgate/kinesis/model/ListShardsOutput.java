package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListShards. Wire names as in the AWS SDK's ListShardsOutput. */
public record ListShardsOutput(
        @JsonProperty("Shards") List<Shard> shards,
        @JsonProperty("NextToken") String nextToken) {}
