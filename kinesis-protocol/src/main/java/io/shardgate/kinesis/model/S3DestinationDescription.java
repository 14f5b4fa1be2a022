package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's general purpose S3 destination as described, defaults filled in. Wire names as in the AWS SDK's S3DestinationDescription. */
public record S3DestinationDescription(
        @JsonProperty("DataFreshnessInSeconds") int dataFreshnessInSeconds,
        @JsonProperty("DeadLetterQueueS3Configuration") DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
        @JsonProperty("StorageConfiguration") S3StorageConfiguration storageConfiguration) {}
