package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeStream. Wire names as in the AWS SDK's DescribeStreamOutput. */
public record DescribeStreamOutput(
        @JsonProperty("StreamDescription") StreamDescription streamDescription) {}
