package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListStreamConsumers. Wire names as in the AWS SDK's ListStreamConsumersInput. */
public record ListStreamConsumersInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp) {}
