package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's source stream as ListChannels names it. Wire names as in the AWS SDK's ChannelStreamIdentifier. */
public record ChannelStreamIdentifier(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp) {}
