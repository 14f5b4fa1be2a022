package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of RegisterStreamConsumer. Wire names as in the AWS SDK's RegisterStreamConsumerOutput. */
public record RegisterStreamConsumerOutput(
        @JsonProperty("Consumer") Consumer consumer) {}
