package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListStreamConsumers; {@code NextToken} is null on the last page. Wire names as in the AWS SDK's ListStreamConsumersOutput. */
public record ListStreamConsumersOutput(
        @JsonProperty("Consumers") List<Consumer> consumers,
        @JsonProperty("NextToken") String nextToken) {}
