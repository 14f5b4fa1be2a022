package io.shardgate.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.annotation.JsonProperty;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Our shapes against the AWS SDK for Java v2's generated Kinesis model (built from service-2.json): every member we
 * declare exists there under the same wire name, and every member the SDK has that we do not model is listed here on
 * purpose. SDK class names end in {@code Request}/{@code Response} where the spec's end in {@code Input}/{@code
 * Output}.
 */
class ModelWireNamesTest {

    /**
     * Members of the SDK's shapes we leave out, on purpose: {@code StreamId} (accepted and ignored: the stream is
     * named by {@code StreamName}/{@code StreamARN}) and consumer tags (ignored at registration).
     */
    private static final Map<String, Set<String>> NOT_MODELLED = Map.ofEntries(
            Map.entry("DeleteStreamInput", Set.of("StreamId")),
            Map.entry("DescribeStreamInput", Set.of("StreamId")),
            Map.entry("DescribeStreamSummaryInput", Set.of("StreamId")),
            Map.entry("ListShardsInput", Set.of("StreamId")),
            Map.entry("PutRecordInput", Set.of("StreamId")),
            Map.entry("PutRecordsInput", Set.of("StreamId")),
            Map.entry("GetShardIteratorInput", Set.of("StreamId")),
            Map.entry("GetRecordsInput", Set.of("StreamId")),
            Map.entry("SplitShardInput", Set.of("StreamId")),
            Map.entry("MergeShardsInput", Set.of("StreamId")),
            Map.entry("UpdateShardCountInput", Set.of("StreamId")),
            Map.entry("IncreaseStreamRetentionPeriodInput", Set.of("StreamId")),
            Map.entry("DecreaseStreamRetentionPeriodInput", Set.of("StreamId")),
            Map.entry("AddTagsToStreamInput", Set.of("StreamId")),
            Map.entry("RemoveTagsFromStreamInput", Set.of("StreamId")),
            Map.entry("ListTagsForStreamInput", Set.of("StreamId")),
            Map.entry("TagResourceInput", Set.of("StreamId")),
            Map.entry("UntagResourceInput", Set.of("StreamId")),
            Map.entry("ListTagsForResourceInput", Set.of("StreamId")),
            Map.entry("StartStreamEncryptionInput", Set.of("StreamId")),
            Map.entry("StopStreamEncryptionInput", Set.of("StreamId")),
            Map.entry("EnableEnhancedMonitoringInput", Set.of("StreamId")),
            Map.entry("DisableEnhancedMonitoringInput", Set.of("StreamId")),
            Map.entry("PutResourcePolicyInput", Set.of("StreamId")),
            Map.entry("GetResourcePolicyInput", Set.of("StreamId")),
            Map.entry("DeleteResourcePolicyInput", Set.of("StreamId")),
            Map.entry("UpdateStreamModeInput", Set.of("StreamId")),
            Map.entry("UpdateMaxRecordSizeInput", Set.of("StreamId")),
            Map.entry("RegisterStreamConsumerInput", Set.of("StreamId", "Tags")),
            Map.entry("DescribeStreamConsumerInput", Set.of("StreamId")),
            Map.entry("ListStreamConsumersInput", Set.of("StreamId")),
            Map.entry("DeregisterStreamConsumerInput", Set.of("StreamId")),
            Map.entry("SubscribeToShardInput", Set.of("StreamId")),
            Map.entry("UpdateStreamWarmThroughputInput", Set.of("StreamId")),
            Map.entry("UpdateStreamRecordDistributionStrategyInput", Set.of("StreamId")),
            Map.entry("StreamDescriptionSummary", Set.of("StreamId")));

    /**
     * Shapes the SDK names otherwise: the spec's {@code EnhancedMonitoringOutput} is the output of both
     * EnableEnhancedMonitoring and DisableEnhancedMonitoring; the commitment's shapes and UpdateChannel's update shapes
     * keep their {@code Input}/{@code Output} names, being members, not requests or responses.
     */
    private static final Map<String, String> SDK_NAMES = Map.of(
            "EnhancedMonitoringOutput", "EnableEnhancedMonitoringResponse",
            "MinimumThroughputBillingCommitmentInput", "MinimumThroughputBillingCommitmentInput",
            "MinimumThroughputBillingCommitmentOutput", "MinimumThroughputBillingCommitmentOutput",
            "S3DestinationUpdateInput", "S3DestinationUpdateInput",
            "S3TablesDestinationUpdateInput", "S3TablesDestinationUpdateInput",
            "ChannelLoggingUpdateInput", "ChannelLoggingUpdateInput",
            "CloudWatchLogsUpdateInput", "CloudWatchLogsUpdateInput");

    static Stream<Class<?>> shapes() {
        return Stream.of(
                StreamModeDetails.class,
                CreateStreamInput.class,
                DeleteStreamInput.class,
                DescribeStreamInput.class,
                DescribeStreamSummaryInput.class,
                ListStreamsInput.class,
                ShardFilter.class,
                ListShardsInput.class,
                PutRecordInput.class,
                PutRecordsRequestEntry.class,
                PutRecordsInput.class,
                GetShardIteratorInput.class,
                GetRecordsInput.class,
                HashKeyRange.class,
                SequenceNumberRange.class,
                Shard.class,
                EnhancedMetrics.class,
                StreamDescription.class,
                DescribeStreamOutput.class,
                StreamDescriptionSummary.class,
                DescribeStreamSummaryOutput.class,
                StreamSummary.class,
                ListStreamsOutput.class,
                ListShardsOutput.class,
                PutRecordOutput.class,
                PutRecordsResultEntry.class,
                PutRecordsOutput.class,
                GetShardIteratorOutput.class,
                Record.class,
                ChildShard.class,
                GetRecordsOutput.class,
                SplitShardInput.class,
                MergeShardsInput.class,
                UpdateShardCountInput.class,
                UpdateMaxRecordSizeInput.class,
                UpdateStreamRecordDistributionStrategyInput.class,
                IncreaseStreamRetentionPeriodInput.class,
                DecreaseStreamRetentionPeriodInput.class,
                AddTagsToStreamInput.class,
                RemoveTagsFromStreamInput.class,
                ListTagsForStreamInput.class,
                TagResourceInput.class,
                UntagResourceInput.class,
                ListTagsForResourceInput.class,
                UpdateShardCountOutput.class,
                Tag.class,
                ListTagsForStreamOutput.class,
                ListTagsForResourceOutput.class,
                StartStreamEncryptionInput.class,
                StopStreamEncryptionInput.class,
                EnableEnhancedMonitoringInput.class,
                DisableEnhancedMonitoringInput.class,
                EnhancedMonitoringOutput.class,
                PutResourcePolicyInput.class,
                GetResourcePolicyInput.class,
                GetResourcePolicyOutput.class,
                DeleteResourcePolicyInput.class,
                DescribeLimitsInput.class,
                DescribeLimitsOutput.class,
                UpdateStreamModeInput.class,
                Consumer.class,
                ConsumerDescription.class,
                RegisterStreamConsumerInput.class,
                RegisterStreamConsumerOutput.class,
                DescribeStreamConsumerInput.class,
                DescribeStreamConsumerOutput.class,
                ListStreamConsumersInput.class,
                ListStreamConsumersOutput.class,
                DeregisterStreamConsumerInput.class,
                StartingPosition.class,
                SubscribeToShardInput.class,
                SubscribeToShardEvent.class,
                DescribeAccountSettingsInput.class,
                DescribeAccountSettingsOutput.class,
                MinimumThroughputBillingCommitmentInput.class,
                MinimumThroughputBillingCommitmentOutput.class,
                UpdateAccountSettingsInput.class,
                UpdateAccountSettingsOutput.class,
                WarmThroughputObject.class,
                UpdateStreamWarmThroughputInput.class,
                UpdateStreamWarmThroughputOutput.class,
                ChannelEncryptionConfiguration.class,
                CloudWatchLogs.class,
                ChannelLoggingConfiguration.class,
                CloudWatchLogsUpdateInput.class,
                ChannelLoggingUpdateInput.class,
                DeadLetterQueueS3Configuration.class,
                S3StorageConfiguration.class,
                S3DestinationConfiguration.class,
                S3DestinationDescription.class,
                PartitionField.class,
                PartitionSpec.class,
                S3TablesConfiguration.class,
                S3TablesDestinationConfiguration.class,
                S3TablesDestinationDescription.class,
                RecordConfiguration.class,
                ChannelStreamConfiguration.class,
                ChannelStreamDescription.class,
                ChannelStreamIdentifier.class,
                ChannelDescription.class,
                ChannelSummary.class,
                CreateChannelInput.class,
                CreateChannelOutput.class,
                DeleteChannelInput.class,
                DescribeChannelInput.class,
                DescribeChannelOutput.class,
                StreamFilter.class,
                ListChannelsInput.class,
                ListChannelsOutput.class,
                S3DestinationUpdateInput.class,
                S3TablesDestinationUpdateInput.class,
                UpdateChannelInput.class,
                UpdateChannelOutput.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void shouldUseTheSdksWireNamesWhenDeclaringAShape(Class<?> shape) throws Exception {
        // Given the SDK's shape of the same name
        String sdkName = SDK_NAMES.getOrDefault(
                shape.getSimpleName(),
                shape.getSimpleName().replaceAll("Input$", "Request").replaceAll("Output$", "Response"));
        Class<?> sdk = Class.forName("software.amazon.awssdk.services.kinesis.model." + sdkName);
        SdkPojo builder = (SdkPojo) sdk.getMethod("builder").invoke(null);
        Set<String> sdkNames = new TreeSet<>();
        for (SdkField<?> field : builder.sdkFields()) {
            sdkNames.add(field.locationName());
        }

        // When our wire names are read from the record
        Set<String> ours = new TreeSet<>();
        for (RecordComponent component : shape.getRecordComponents()) {
            JsonProperty property = shape.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            assertThat(property)
                    .as("@JsonProperty on %s.%s", shape.getSimpleName(), component.getName())
                    .isNotNull();
            ours.add(property.value());
        }

        // Then
        assertThat(sdkNames).as("SDK members of %s", sdkName).containsAll(ours);
        Set<String> missing = new TreeSet<>(sdkNames);
        missing.removeAll(ours);
        assertThat(missing)
                .as("members of %s we do not model", sdkName)
                .isEqualTo(NOT_MODELLED.getOrDefault(shape.getSimpleName(), Set.of()));
    }
}
