package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of RemoveTagsFromStream. Wire names as in the AWS SDK's RemoveTagsFromStreamRequest. */
public record RemoveTagsFromStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("TagKeys") List<String> tagKeys,
        @JsonProperty("StreamARN") String streamArn) {}
