package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A shard's hash keys as decimal strings. Wire names as in the AWS SDK's HashKeyRange. */
public record HashKeyRange(
        @JsonProperty("StartingHashKey") String startingHashKey,
        @JsonProperty("EndingHashKey") String endingHashKey) {}
