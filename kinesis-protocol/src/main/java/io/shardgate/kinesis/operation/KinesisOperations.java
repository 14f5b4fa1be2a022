package io.shardgate.kinesis.operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every operation the listener serves, by name, and the names of the Kinesis operations it knows but does not serve
 * yet (answered with {@code UnknownOperationException} naming the operation, never a crash).
 */
public final class KinesisOperations {

    /** The {@code X-Amz-Target} prefix of Kinesis Data Streams 2013-12-02. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final Map<String, KinesisOperation<?, ?>> operations = new LinkedHashMap<>();

    public KinesisOperations(KinesisServices services) {
        for (KinesisOperation<?, ?> operation : List.<KinesisOperation<?, ?>>of(
                new CreateStreamOperation(services),
                new DeleteStreamOperation(services),
                new DescribeStreamOperation(services),
                new DescribeStreamSummaryOperation(services),
                new ListStreamsOperation(services),
                new ListShardsOperation(services),
                new PutRecordOperation(services),
                new PutRecordsOperation(services),
                new GetShardIteratorOperation(services),
                new GetRecordsOperation(services),
                new SplitShardOperation(services),
                new MergeShardsOperation(services),
                new UpdateShardCountOperation(services),
                new IncreaseStreamRetentionPeriodOperation(services),
                new DecreaseStreamRetentionPeriodOperation(services),
                new AddTagsToStreamOperation(services),
                new RemoveTagsFromStreamOperation(services),
                new ListTagsForStreamOperation(services),
                new TagResourceOperation(services),
                new UntagResourceOperation(services),
                new ListTagsForResourceOperation(services),
                new StartStreamEncryptionOperation(services),
                new StopStreamEncryptionOperation(services),
                new EnableEnhancedMonitoringOperation(services),
                new DisableEnhancedMonitoringOperation(services),
                new PutResourcePolicyOperation(services),
                new GetResourcePolicyOperation(services),
                new DeleteResourcePolicyOperation(services),
                new DescribeLimitsOperation(services),
                new UpdateStreamModeOperation(services),
                new UpdateMaxRecordSizeOperation(services),
                new RegisterStreamConsumerOperation(services),
                new DescribeStreamConsumerOperation(services),
                new ListStreamConsumersOperation(services),
                new DeregisterStreamConsumerOperation(services),
                new SubscribeToShardOperation(services),
                new DescribeAccountSettingsOperation(services),
                new UpdateAccountSettingsOperation(services),
                new UpdateStreamWarmThroughputOperation(services),
                new UpdateStreamRecordDistributionStrategyOperation(services),
                new CreateChannelOperation(services),
                new DescribeChannelOperation(services),
                new ListChannelsOperation(services),
                new UpdateChannelOperation(services),
                new DeleteChannelOperation(services))) {
            operations.put(operation.name(), ControlPlaneRates.limit(services, operation));
        }
    }

    /** The operation called {@code name}, if it is served. */
    public Optional<KinesisOperation<?, ?>> find(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The names of the operations served, in a fixed order. */
    public Set<String> names() {
        return operations.keySet();
    }
}
