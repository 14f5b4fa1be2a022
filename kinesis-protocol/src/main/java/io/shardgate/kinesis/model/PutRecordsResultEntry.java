package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of one record of PutRecords: a sequence number and shard, or an error. Wire names as in the AWS SDK's PutRecordsResultEntry. */
public record PutRecordsResultEntry(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ShardId") String shardId,
        @JsonProperty("ErrorCode") String errorCode,
        @JsonProperty("ErrorMessage") String errorMessage) {}
