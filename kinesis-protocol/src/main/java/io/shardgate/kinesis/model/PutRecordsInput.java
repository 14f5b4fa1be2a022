package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of PutRecords. Wire names as in the AWS SDK's PutRecordsInput. */
public record PutRecordsInput(
        @JsonProperty("Records") List<PutRecordsRequestEntry> records,
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("DryRun") Boolean dryRun) {}
