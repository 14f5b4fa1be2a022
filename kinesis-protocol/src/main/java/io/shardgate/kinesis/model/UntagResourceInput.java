package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UntagResource. Wire names as in the AWS SDK's UntagResourceRequest. */
public record UntagResourceInput(
        @JsonProperty("TagKeys") List<String> tagKeys,
        @JsonProperty("ResourceARN") String resourceArn) {}
