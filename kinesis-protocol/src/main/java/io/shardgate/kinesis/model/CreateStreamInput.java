package io.shardgate.kinesis.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of CreateStream. Wire names as in the AWS SDK's CreateStreamInput. */
public record CreateStreamInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("ShardCount") Integer shardCount,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("WarmThroughputMiBps") Integer warmThroughputMiBps,
        @JsonProperty("MaxRecordSizeInKiB") Integer maxRecordSizeInKiB,
        @JsonProperty("RecordDistributionStrategy") String recordDistributionStrategy) {

    @JsonCreator
    public CreateStreamInput {}

    /** An input without a record distribution strategy (the stream gets AWS's default). */
    public CreateStreamInput(
            String streamName,
            Integer shardCount,
            StreamModeDetails streamModeDetails,
            Map<String, String> tags,
            Integer warmThroughputMiBps,
            Integer maxRecordSizeInKiB) {
        this(streamName, shardCount, streamModeDetails, tags, warmThroughputMiBps, maxRecordSizeInKiB, null);
    }
}
