package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeChannel. Wire names as in the AWS SDK's DescribeChannelResponse. */
public record DescribeChannelOutput(
        @JsonProperty("ChannelDescription") ChannelDescription channelDescription) {}
