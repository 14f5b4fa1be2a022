package io.shardgate.kinesis.model;

/** The input of DescribeAccountSettings: no members. As the AWS SDK's DescribeAccountSettingsRequest. */
public record DescribeAccountSettingsInput() {}
