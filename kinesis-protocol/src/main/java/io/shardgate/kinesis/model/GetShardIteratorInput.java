package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of GetShardIterator. Wire names as in the AWS SDK's GetShardIteratorInput. */
public record GetShardIteratorInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ShardIteratorType") String shardIteratorType,
        @JsonProperty("StartingSequenceNumber") String startingSequenceNumber,
        @JsonProperty("Timestamp") Instant timestamp,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("DryRun") Boolean dryRun) {}
