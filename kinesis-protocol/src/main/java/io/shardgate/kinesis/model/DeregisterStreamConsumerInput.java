package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The input of DeregisterStreamConsumer: a consumer ARN, or a stream ARN and a consumer name. Wire names as in the
 * AWS SDK's DeregisterStreamConsumerInput.
 */
public record DeregisterStreamConsumerInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn) {}
