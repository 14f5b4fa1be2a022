package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tag as ListTagsForStream and ListTagsForResource answer it. Wire names as in the AWS SDK's Tag. */
public record Tag(
        @JsonProperty("Key") String key,
        @JsonProperty("Value") String value) {}
