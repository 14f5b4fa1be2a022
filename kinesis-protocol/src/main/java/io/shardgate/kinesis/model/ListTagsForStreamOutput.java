package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListTagsForStream. Wire names as in the AWS SDK's ListTagsForStreamResponse. */
public record ListTagsForStreamOutput(
        @JsonProperty("Tags") List<Tag> tags,
        @JsonProperty("HasMoreTags") Boolean hasMoreTags) {}
