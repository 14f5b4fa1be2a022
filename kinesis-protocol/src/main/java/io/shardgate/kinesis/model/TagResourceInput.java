package io.shardgate.kinesis.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of TagResource. Wire names as in the AWS SDK's TagResourceRequest. */
public record TagResourceInput(
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("ResourceARN") String resourceArn) {}
