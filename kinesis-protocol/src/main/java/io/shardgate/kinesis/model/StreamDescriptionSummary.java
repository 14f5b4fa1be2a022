package io.shardgate.kinesis.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stream as DescribeStreamSummary shows it. Wire names as in the AWS SDK's StreamDescriptionSummary.
 * {@code RecordDistributionStrategy} is shown for every stream: the KPL 1.1 reads it to decide whether to aggregate.
 * {@code ChannelCount} counts the channels that read the stream (ADR 0019).
 */
public record StreamDescriptionSummary(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("StreamStatus") String streamStatus,
        @JsonProperty("StreamModeDetails") StreamModeDetails streamModeDetails,
        @JsonProperty("RetentionPeriodHours") int retentionPeriodHours,
        @JsonProperty("StreamCreationTimestamp") Instant streamCreationTimestamp,
        @JsonProperty("EnhancedMonitoring") List<EnhancedMetrics> enhancedMonitoring,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId,
        @JsonProperty("OpenShardCount") int openShardCount,
        @JsonProperty("ConsumerCount") int consumerCount,
        @JsonProperty("MaxRecordSizeInKiB") int maxRecordSizeInKiB,
        @JsonProperty("WarmThroughput") WarmThroughputObject warmThroughput,
        @JsonProperty("RecordDistributionStrategy") String recordDistributionStrategy,
        @JsonProperty("ChannelCount") int channelCount) {}
