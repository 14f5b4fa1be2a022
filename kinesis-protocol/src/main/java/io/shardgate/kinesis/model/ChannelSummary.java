package io.shardgate.kinesis.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel as ListChannels shows it. Wire names as in the AWS SDK's ChannelSummary. */
public record ChannelSummary(
        @JsonProperty("ChannelName") String channelName,
        @JsonProperty("ChannelARN") String channelArn,
        @JsonProperty("ChannelId") String channelId,
        @JsonProperty("ChannelStatus") String channelStatus,
        @JsonProperty("ChannelStatusReason") String channelStatusReason,
        @JsonProperty("ChannelCreationTimestamp") Instant channelCreationTimestamp,
        @JsonProperty("ChannelDestinationType") String channelDestinationType,
        @JsonProperty("Streams") List<ChannelStreamIdentifier> streams) {}
