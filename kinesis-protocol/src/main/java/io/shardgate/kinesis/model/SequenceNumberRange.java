package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The sequence numbers of a shard; the ending one only once it is closed. Wire names as in the AWS SDK's SequenceNumberRange. */
public record SequenceNumberRange(
        @JsonProperty("StartingSequenceNumber") String startingSequenceNumber,
        @JsonProperty("EndingSequenceNumber") String endingSequenceNumber) {}
