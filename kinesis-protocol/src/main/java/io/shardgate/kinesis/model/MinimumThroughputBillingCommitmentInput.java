package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The commitment UpdateAccountSettings asks for: {@code ENABLED} or {@code DISABLED}. Wire names as in the AWS SDK's
 * MinimumThroughputBillingCommitmentInput.
 */
public record MinimumThroughputBillingCommitmentInput(
        @JsonProperty("Status") String status) {}
