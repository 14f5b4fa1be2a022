package io.shardgate.kinesis.model;

/** The input of DescribeLimits: no members. As the AWS SDK's DescribeLimitsRequest. */
public record DescribeLimitsInput() {}
