package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The logging configuration UpdateChannel sets. Wire names as in the AWS SDK's ChannelLoggingUpdateInput. */
public record ChannelLoggingUpdateInput(
        @JsonProperty("CloudWatchLogs") CloudWatchLogsUpdateInput cloudWatchLogs) {}
