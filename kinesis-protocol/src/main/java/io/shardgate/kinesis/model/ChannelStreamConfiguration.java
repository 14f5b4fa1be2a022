package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CreateChannel's source stream. Wire names as in the AWS SDK's ChannelStreamConfiguration. */
public record ChannelStreamConfiguration(
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("RecordConfiguration") RecordConfiguration recordConfiguration) {}
