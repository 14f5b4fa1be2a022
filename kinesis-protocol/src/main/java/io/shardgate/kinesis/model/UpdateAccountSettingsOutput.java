package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of UpdateAccountSettings. Wire names as in the AWS SDK's UpdateAccountSettingsResponse. */
public record UpdateAccountSettingsOutput(
        @JsonProperty("MinimumThroughputBillingCommitment")
        MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}
