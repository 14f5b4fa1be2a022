package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of DeleteResourcePolicy. Wire names as in the AWS SDK's DeleteResourcePolicyRequest. */
public record DeleteResourcePolicyInput(
        @JsonProperty("ResourceARN") String resourceArn) {}
