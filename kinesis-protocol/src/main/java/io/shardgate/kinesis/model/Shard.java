package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A shard as DescribeStream and ListShards show it. Wire names as in the AWS SDK's Shard. */
public record Shard(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ParentShardId") String parentShardId,
        @JsonProperty("AdjacentParentShardId") String adjacentParentShardId,
        @JsonProperty("HashKeyRange") HashKeyRange hashKeyRange,
        @JsonProperty("SequenceNumberRange") SequenceNumberRange sequenceNumberRange) {}
