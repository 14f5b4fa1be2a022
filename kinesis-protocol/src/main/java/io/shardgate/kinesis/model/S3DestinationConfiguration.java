package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CreateChannel's general purpose S3 destination. Wire names as in the AWS SDK's S3DestinationConfiguration. */
public record S3DestinationConfiguration(
        @JsonProperty("DataFreshnessInSeconds") Integer dataFreshnessInSeconds,
        @JsonProperty("DeadLetterQueueS3Configuration") DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
        @JsonProperty("StorageConfiguration") S3StorageConfiguration storageConfiguration) {}
