package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The input of DescribeStreamConsumer: a consumer ARN, or a stream ARN and a consumer name. Wire names as in the AWS
 * SDK's DescribeStreamConsumerInput.
 */
public record DescribeStreamConsumerInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("ConsumerName") String consumerName,
        @JsonProperty("ConsumerARN") String consumerArn) {}
