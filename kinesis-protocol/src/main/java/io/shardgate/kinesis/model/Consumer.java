package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A registered consumer as RegisterStreamConsumer and ListStreamConsumers show it. Wire names as in the AWS SDK's Consumer. */
public record Consumer(
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("ConsumerStatus") String consumerStatus,
        @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp) {}
