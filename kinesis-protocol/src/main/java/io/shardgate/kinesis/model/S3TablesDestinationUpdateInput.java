package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** UpdateChannel's change to a streaming-table destination. Wire names as in the AWS SDK's S3TablesDestinationUpdateInput. */
public record S3TablesDestinationUpdateInput(
        @JsonProperty("DataFreshnessInSeconds") Integer dataFreshnessInSeconds) {}
