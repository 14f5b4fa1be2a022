package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of PutResourcePolicy. Wire names as in the AWS SDK's PutResourcePolicyRequest. */
public record PutResourcePolicyInput(
        @JsonProperty("ResourceARN") String resourceArn,
        @JsonProperty("Policy") String policy) {}
