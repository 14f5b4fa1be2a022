package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A shard created from the one a reader reached the end of. Wire names as in the AWS SDK's ChildShard. */
public record ChildShard(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ParentShards") List<String> parentShards,
        @JsonProperty("HashKeyRange") HashKeyRange hashKeyRange) {}
