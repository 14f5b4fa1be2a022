package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The CloudWatch Logs settings UpdateChannel sets. Wire names as in the AWS SDK's CloudWatchLogsUpdateInput. */
public record CloudWatchLogsUpdateInput(
        @JsonProperty("Enabled") Boolean enabled,
        @JsonProperty("LogGroupName") String logGroupName,
        @JsonProperty("LogStreamName") String logStreamName) {}
