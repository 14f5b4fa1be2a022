package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateAccountSettings. Wire names as in the AWS SDK's UpdateAccountSettingsRequest. */
public record UpdateAccountSettingsInput(
        @JsonProperty("MinimumThroughputBillingCommitment")
        MinimumThroughputBillingCommitmentInput minimumThroughputBillingCommitment) {}
