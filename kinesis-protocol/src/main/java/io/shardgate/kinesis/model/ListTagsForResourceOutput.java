package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListTagsForResource. Wire names as in the AWS SDK's ListTagsForResourceResponse. */
public record ListTagsForResourceOutput(
        @JsonProperty("Tags") List<Tag> tags) {}
