package io.shardgate.kinesis.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of AddTagsToStream. Wire names as in the AWS SDK's AddTagsToStreamRequest. */
public record AddTagsToStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("StreamARN") String streamArn) {}
