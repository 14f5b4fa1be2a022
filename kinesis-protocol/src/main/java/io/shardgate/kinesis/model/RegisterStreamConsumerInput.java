package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of RegisterStreamConsumer. Wire names as in the AWS SDK's RegisterStreamConsumerInput. */
public record RegisterStreamConsumerInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ConsumerName") String consumerName) {}
