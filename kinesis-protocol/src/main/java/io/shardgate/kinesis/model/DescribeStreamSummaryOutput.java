package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeStreamSummary. Wire names as in the AWS SDK's DescribeStreamSummaryOutput. */
public record DescribeStreamSummaryOutput(
        @JsonProperty("StreamDescriptionSummary") StreamDescriptionSummary streamDescriptionSummary) {}
