package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DeleteStream. Wire names as in the AWS SDK's DeleteStreamInput. */
public record DeleteStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("EnforceConsumerDeletion") Boolean enforceConsumerDeletion,
        @JsonProperty("StreamARN") String streamArn) {}
