package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's CloudWatch Logs settings. Wire names as in the AWS SDK's CloudWatchLogs. */
public record CloudWatchLogs(
        @JsonProperty("Enabled") Boolean enabled,
        @JsonProperty("LogGroupName") String logGroupName,
        @JsonProperty("LogStreamName") String logStreamName) {}
