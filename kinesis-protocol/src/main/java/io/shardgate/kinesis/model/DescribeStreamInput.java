package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DescribeStream. Wire names as in the AWS SDK's DescribeStreamInput. */
public record DescribeStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("ExclusiveStartShardId") String exclusiveStartShardId,
        @JsonProperty("StreamARN") String streamArn) {}
