package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of CreateChannel. Wire names as in the AWS SDK's CreateChannelResponse. */
public record CreateChannelOutput(
        @JsonProperty("ChannelDescription") ChannelDescription channelDescription) {}
