package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListChannels; {@code NextToken} is null on the last page. Wire names as in the AWS SDK's ListChannelsResponse. */
public record ListChannelsOutput(
        @JsonProperty("ChannelSummaries") List<ChannelSummary> channelSummaries,
        @JsonProperty("NextToken") String nextToken) {}
