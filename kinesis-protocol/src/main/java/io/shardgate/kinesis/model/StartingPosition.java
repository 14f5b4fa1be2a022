package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a subscription starts. Wire names as in the AWS SDK's StartingPosition. */
public record StartingPosition(
        @JsonProperty("Type") String type,
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("Timestamp") Instant timestamp) {}
