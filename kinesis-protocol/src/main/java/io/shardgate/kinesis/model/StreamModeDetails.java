package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a stream's capacity is managed: {@code PROVISIONED} or {@code ON_DEMAND}. Wire names as in the AWS SDK's StreamModeDetails. */
public record StreamModeDetails(@JsonProperty("StreamMode") String streamMode) {}
