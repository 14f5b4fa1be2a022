package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListStreams. Wire names as in the AWS SDK's ListStreamsInput. */
public record ListStreamsInput(
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartStreamName") String exclusiveStartStreamName,
        @JsonProperty("NextToken") String nextToken) {}
