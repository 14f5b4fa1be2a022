package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One partition field of a streaming table ({@code Transform} {@code TIME_HOUR}). Wire names as in the AWS SDK's PartitionField. */
public record PartitionField(
        @JsonProperty("Transform") String transform,
        @JsonProperty("SourceName") String sourceName) {}
