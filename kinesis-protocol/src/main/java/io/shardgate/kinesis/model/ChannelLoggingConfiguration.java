package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's logging configuration. Wire names as in the AWS SDK's ChannelLoggingConfiguration. */
public record ChannelLoggingConfiguration(
        @JsonProperty("CloudWatchLogs") CloudWatchLogs cloudWatchLogs) {}
