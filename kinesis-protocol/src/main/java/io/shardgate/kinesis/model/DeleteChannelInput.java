package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DeleteChannel. Wire names as in the AWS SDK's DeleteChannelRequest. */
public record DeleteChannelInput(@JsonProperty("ChannelARN") String channelArn) {}
