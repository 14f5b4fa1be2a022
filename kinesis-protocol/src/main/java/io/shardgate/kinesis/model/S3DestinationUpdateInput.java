package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** UpdateChannel's change to a general purpose S3 destination. Wire names as in the AWS SDK's S3DestinationUpdateInput. */
public record S3DestinationUpdateInput(
        @JsonProperty("DataFreshnessInSeconds") Integer dataFreshnessInSeconds) {}
