package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DescribeChannel. Wire names as in the AWS SDK's DescribeChannelRequest. */
public record DescribeChannelInput(
        @JsonProperty("ChannelARN") String channelArn) {}
