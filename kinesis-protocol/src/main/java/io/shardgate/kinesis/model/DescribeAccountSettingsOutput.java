package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of DescribeAccountSettings. Wire names as in the AWS SDK's DescribeAccountSettingsResponse. */
public record DescribeAccountSettingsOutput(
        @JsonProperty("MinimumThroughputBillingCommitment")
        MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}
