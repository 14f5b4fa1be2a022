package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel's streaming-table destination as described, defaults filled in. Wire names as in the AWS SDK's S3TablesDestinationDescription. */
public record S3TablesDestinationDescription(
        @JsonProperty("DataFreshnessInSeconds") int dataFreshnessInSeconds,
        @JsonProperty("DeadLetterQueueS3Configuration") DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
        @JsonProperty("S3TablesConfigurationList") List<S3TablesConfiguration> s3TablesConfigurationList) {}
