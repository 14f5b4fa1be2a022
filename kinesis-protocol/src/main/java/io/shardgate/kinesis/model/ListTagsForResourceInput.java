package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListTagsForResource. Wire names as in the AWS SDK's ListTagsForResourceRequest. */
public record ListTagsForResourceInput(
        @JsonProperty("ResourceARN") String resourceArn) {}
