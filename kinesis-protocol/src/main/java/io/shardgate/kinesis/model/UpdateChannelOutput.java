package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of UpdateChannel. Wire names as in the AWS SDK's UpdateChannelResponse. */
public record UpdateChannelOutput(
        @JsonProperty("ChannelDescription") ChannelDescription channelDescription) {}
