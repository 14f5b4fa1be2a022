package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CreateChannel's streaming-table destination. Wire names as in the AWS SDK's S3TablesDestinationConfiguration. */
public record S3TablesDestinationConfiguration(
        @JsonProperty("DataFreshnessInSeconds") Integer dataFreshnessInSeconds,
        @JsonProperty("DeadLetterQueueS3Configuration") DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
        @JsonProperty("S3TablesConfigurationList") List<S3TablesConfiguration> s3TablesConfigurationList) {}
