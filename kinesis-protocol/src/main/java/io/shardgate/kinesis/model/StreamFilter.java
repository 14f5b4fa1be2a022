package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A source stream ListChannels filters by; without {@code StreamCreationTimestamp} any stream of that ARN matches. Wire names as in the AWS SDK's StreamFilter. */
public record StreamFilter(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp) {}
