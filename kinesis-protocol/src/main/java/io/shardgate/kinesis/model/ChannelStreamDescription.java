package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's source stream as described. Wire names as in the AWS SDK's ChannelStreamDescription. */
public record ChannelStreamDescription(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("RecordConfiguration") RecordConfiguration recordConfiguration) {}
