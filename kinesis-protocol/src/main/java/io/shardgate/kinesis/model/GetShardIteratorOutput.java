package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of GetShardIterator. Wire names as in the AWS SDK's GetShardIteratorOutput. */
public record GetShardIteratorOutput(
        @JsonProperty("ShardIterator") String shardIterator) {}
