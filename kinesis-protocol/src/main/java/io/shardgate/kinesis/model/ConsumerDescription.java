package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A registered consumer with its stream, as DescribeStreamConsumer shows it. Wire names as in the AWS SDK's ConsumerDescription. */
public record ConsumerDescription(
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn,
        @JsonProperty("ConsumerStatus") String consumerStatus,
        @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp,
        @JsonProperty("StreamARN") String streamArn) {}
