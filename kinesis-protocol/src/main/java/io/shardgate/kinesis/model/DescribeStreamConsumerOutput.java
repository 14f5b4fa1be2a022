package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeStreamConsumer. Wire names as in the AWS SDK's DescribeStreamConsumerOutput. */
public record DescribeStreamConsumerOutput(
        @JsonProperty("ConsumerDescription") ConsumerDescription consumerDescription) {}
