package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of PutRecords, one entry per request record in request order. Wire names as in the AWS SDK's PutRecordsOutput. */
public record PutRecordsOutput(
        @JsonProperty("FailedRecordCount") int failedRecordCount,
        @JsonProperty("Records") List<PutRecordsResultEntry> records,
        @JsonProperty("EncryptionType") String encryptionType) {}
