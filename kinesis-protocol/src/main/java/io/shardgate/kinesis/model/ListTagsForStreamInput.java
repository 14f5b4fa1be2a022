package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListTagsForStream. Wire names as in the AWS SDK's ListTagsForStreamRequest. */
public record ListTagsForStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ExclusiveStartTagKey") String exclusiveStartTagKey,
        @JsonProperty("Limit") Integer limit,
        @JsonProperty("StreamARN") String streamArn) {}
