package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of GetRecords. Wire names as in the AWS SDK's GetRecordsInput. */
public record GetRecordsInput(
        @JsonProperty("ShardIterator") String shardIterator,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("DryRun") Boolean dryRun) {}
