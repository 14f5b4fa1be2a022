package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of PutRecord. Wire names as in the AWS SDK's PutRecordOutput. */
public record PutRecordOutput(
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("EncryptionType") String encryptionType) {}
