package io.shardgate.kinesis.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of CreateStream. Wire names as in the AWS SDK's CreateStreamInput. */
public record CreateStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardCount") Integer shardCount,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps,
        @JsonProperty("MaxRecordSizeInKiB") Integer maxRecordSizeInKiB) {}
