package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateStreamMode. Wire names as in the AWS SDK's UpdateStreamModeRequest. */
public record UpdateStreamModeInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps) {}
