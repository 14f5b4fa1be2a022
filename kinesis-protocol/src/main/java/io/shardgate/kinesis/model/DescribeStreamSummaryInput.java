package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DescribeStreamSummary. Wire names as in the AWS SDK's DescribeStreamSummaryInput. */
public record DescribeStreamSummaryInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn) {}
