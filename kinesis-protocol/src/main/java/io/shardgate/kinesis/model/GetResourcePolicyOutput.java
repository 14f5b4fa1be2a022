package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of GetResourcePolicy. Wire names as in the AWS SDK's GetResourcePolicyResponse. */
public record GetResourcePolicyOutput(
        @JsonProperty("Policy") String policy) {}
