package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of GetResourcePolicy. Wire names as in the AWS SDK's GetResourcePolicyRequest. */
public record GetResourcePolicyInput(
        @JsonProperty("ResourceARN") String resourceArn) {}
