package io.shardgate.kinesis.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The account's minimum throughput billing commitment: {@code ENABLED}, {@code DISABLED} or {@code
 * ENABLED_UNTIL_EARLIEST_ALLOWED_END}, with its dates. Wire names as in the AWS SDK's
 * MinimumThroughputBillingCommitmentOutput.
 */
public record MinimumThroughputBillingCommitmentOutput(
        @JsonProperty("Status") String status,
        @JsonProperty("StartedAt") Instant startedAt,
        @JsonProperty("EndedAt") Instant endedAt,
        @JsonProperty("EarliestAllowedEndAt") Instant earliestAllowedEndAt) {}
