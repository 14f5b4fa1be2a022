package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateMaxRecordSize. Wire names as in the AWS SDK's UpdateMaxRecordSizeRequest. */
public record UpdateMaxRecordSizeInput(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("MaxRecordSizeInKiB") Integer maxRecordSizeInKiB) {}
