package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;
import software.amazon.awssdk.services.kinesis.model.WarmThroughputObject;

import io.shardgate.gateway.Gateway;

/**
 * The stream-settings operations through the real AWS SDK for Java v2 (sync client, CBOR): encryption, enhanced
 * monitoring, resource policies and the stream mode are recorded, DescribeLimits counts the open shards, shown by DescribeStream/DescribeStreamSummary, kept across a
 * restart, and refused with AWS's exception types. The account's commitment and the warm throughput of on-demand
 * streams, in CBOR and in JSON.
 */
class KinesisStreamSettingsIT {

    private static final String STREAM = "settings";
    private static final String KEY = "alias/aws/kinesis";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    @TempDir
    Path dataDir;

    @Test
    void shouldRecordEncryptionMonitoringAndPolicyWhenTheSdkChangesThem() throws Exception {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + STREAM;
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given
            client.createStream(b -> b.streamName(STREAM).shardCount(1));
            awaitActive(client);
            assertThat(summary(client).encryptionType()).isEqualTo(EncryptionType.NONE);

            // When
            client.startStreamEncryption(
                    b -> b.streamName(STREAM).encryptionType(EncryptionType.KMS).keyId(KEY));
            EnableEnhancedMonitoringResponse enabled = client.enableEnhancedMonitoring(
                    b -> b.streamARN(arn).shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
            client.putResourcePolicy(b -> b.resourceARN(arn).policy(POLICY));
            client.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

            // Then
            assertThat(enabled.currentShardLevelMetrics()).isEmpty();
            assertThat(enabled.desiredShardLevelMetrics())
                    .containsExactly(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
            assertThat(enabled.streamARN()).isEqualTo(arn);
            StreamDescriptionSummary summary = summary(client);
            assertThat(summary.encryptionType()).isEqualTo(EncryptionType.KMS);
            assertThat(summary.keyId()).isEqualTo(KEY);
            assertThat(summary.enhancedMonitoring().get(0).shardLevelMetrics())
                    .containsExactly(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
            assertThat(client.describeStream(b -> b.streamName(STREAM))
                            .streamDescription()
                            .encryptionType())
                    .isEqualTo(EncryptionType.KMS);
            assertThat(client.getResourcePolicy(b -> b.resourceARN(arn)).policy())
                    .isEqualTo(POLICY);

            // And AWS's exception types
            assertThatThrownBy(() -> client.startStreamEncryption(b -> b.streamName(STREAM)
                            .encryptionType(EncryptionType.NONE)
                            .keyId(KEY)))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> client.enableEnhancedMonitoring(
                            b -> b.streamName(STREAM).shardLevelMetricsWithStrings("Bytes")))
                    .isInstanceOf(KinesisException.class)
                    .hasMessageContaining("Member must satisfy enum value set")
                    .extracting(e -> ((KinesisException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException");
            assertThatThrownBy(() -> client.getResourcePolicy(b -> b.resourceARN(arn + "-gone")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        // And the settings are durable
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            awaitActive(client);
            assertThat(summary(client).keyId()).isEqualTo(KEY);
            assertThat(client.getResourcePolicy(b -> b.resourceARN(arn)).policy())
                    .isEqualTo(POLICY);

            // When everything is undone
            client.stopStreamEncryption(
                    b -> b.streamName(STREAM).encryptionType(EncryptionType.KMS).keyId(KEY));
            client.disableEnhancedMonitoring(b -> b.streamName(STREAM).shardLevelMetrics(MetricsName.ALL));
            client.deleteResourcePolicy(b -> b.resourceARN(arn));

            // Then
            StreamDescriptionSummary summary = summary(client);
            assertThat(summary.encryptionType()).isEqualTo(EncryptionType.NONE);
            assertThat(summary.keyId()).isNull();
            assertThat(summary.enhancedMonitoring().get(0).shardLevelMetrics()).isEmpty();
            assertThat(client.getResourcePolicy(b -> b.resourceARN(arn)).policy())
                    .isEqualTo("{}");
            assertThatThrownBy(() -> client.deleteResourcePolicy(b -> b.resourceARN(arn)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void shouldKeepTheAccountCommitmentAndWarmThroughputWhenTheSdkSpeaksCbor() throws Exception {
        exerciseAccountSettings();
    }

    @Test
    void shouldKeepTheAccountCommitmentAndWarmThroughputWhenTheSdkSpeaksJson() throws Exception {
        SdkJson.run(this::exerciseAccountSettings);
    }

    @Test
    void shouldSpreadKeylessRecordsOfAnAutoStreamWhenTheSdkSpeaksCbor() throws Exception {
        exerciseRecordDistribution();
    }

    @Test
    void shouldSpreadKeylessRecordsOfAnAutoStreamWhenTheSdkSpeaksJson() throws Exception {
        SdkJson.run(this::exerciseRecordDistribution);
    }

    /**
     * The record distribution strategy (ADR 0020): CreateStream's {@code RecordDistributionStrategy},
     * UpdateStreamRecordDistributionStrategy, keyless PutRecord and PutRecords on an {@code AUTO} stream spread over
     * its shards and read back without {@code PartitionKey}, the strategy kept across a restart, and AWS's exception
     * types for what is refused.
     */
    private void exerciseRecordDistribution() throws Exception {
        String auto = "spread";
        String autoArn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + auto;
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given an on-demand stream created AUTO, and a provisioned one
            client.createStream(b -> b.streamName(auto)
                    .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
                    .recordDistributionStrategy(RecordDistributionStrategy.AUTO));
            client.createStream(b -> b.streamName("keyed").shardCount(1));
            awaitActive(client, auto);
            awaitActive(client, "keyed");
            assertThat(summary(client, auto).recordDistributionStrategy()).isEqualTo(RecordDistributionStrategy.AUTO);

            // When records go without keys (and one with a key and an explicit hash key that would name shard 0)
            Set<String> shards = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                String data = "one-" + i;
                shards.add(client.putRecord(b -> b.streamName(auto).data(SdkBytes.fromUtf8String(data)))
                        .shardId());
            }
            PutRecordsResponse many = client.putRecords(b -> b.streamName(auto)
                    .records(
                            PutRecordsRequestEntry.builder()
                                    .data(SdkBytes.fromUtf8String("keyless"))
                                    .build(),
                            PutRecordsRequestEntry.builder()
                                    .data(SdkBytes.fromUtf8String("keyed"))
                                    .partitionKey("kept")
                                    .explicitHashKey("0")
                                    .build()));

            // Then they are stored over the four shards, and read back with the key only where one was given
            assertThat(many.failedRecordCount()).isZero();
            assertThat(shards).hasSize(4);
            Map<String, String> keys = new HashMap<>();
            for (Shard shard : client.listShards(b -> b.streamName(auto)).shards()) {
                String iterator = client.getShardIterator(b -> b.streamName(auto)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                client.getRecords(b -> b.shardIterator(iterator))
                        .records()
                        .forEach(r -> keys.put(r.data().asUtf8String(), String.valueOf(r.partitionKey())));
            }
            assertThat(keys).hasSize(42).containsEntry("keyless", "null").containsEntry("keyed", "kept");
            assertThat(keys).containsEntry("one-0", "null");

            // And AUTO on a provisioned stream, or switching the AUTO stream to PROVISIONED, is refused
            assertThatThrownBy(() -> client.updateStreamRecordDistributionStrategy(
                            b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/keyed")
                                    .recordDistributionStrategy(RecordDistributionStrategy.AUTO)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("only supported for streams in ON_DEMAND mode");
            assertThatThrownBy(() -> client.updateStreamMode(
                            b -> b.streamARN(autoArn).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED))))
                    .isInstanceOf(InvalidArgumentException.class);
        }

        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // When the restarted gateway's stream is set back to USER_PARTITION_KEY
            awaitActive(client, auto);
            assertThat(summary(client, auto).recordDistributionStrategy()).isEqualTo(RecordDistributionStrategy.AUTO);
            client.updateStreamRecordDistributionStrategy(b ->
                    b.streamARN(autoArn).recordDistributionStrategy(RecordDistributionStrategy.USER_PARTITION_KEY));

            // Then keys are required again
            assertThat(summary(client, auto).recordDistributionStrategy())
                    .isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);
            assertThatThrownBy(() -> client.putRecord(b -> b.streamName(auto).data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Value null at 'partitionKey' failed to satisfy constraint");
        }
    }

    /**
     * DescribeAccountSettings, UpdateAccountSettings and UpdateStreamWarmThroughput (ADR 0017), with CreateStream's
     * {@code WarmThroughputMiBps} and DescribeStreamSummary's {@code WarmThroughput}, an error of each updating
     * operation, and the settings kept across a restart.
     */
    private void exerciseAccountSettings() throws Exception {
        String onDemand = "warm";
        String provisioned = "cold";
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given an account that never had a commitment
            assertThat(client.describeAccountSettings(b -> {})
                            .minimumThroughputBillingCommitment()
                            .status())
                    .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
            client.createStream(b -> b.streamName(onDemand).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
            client.createStream(b -> b.streamName(provisioned).shardCount(1));
            awaitActive(client, onDemand);
            awaitActive(client, provisioned);
            assertThatThrownBy(() -> client.updateStreamWarmThroughput(
                            b -> b.streamName(onDemand).warmThroughputMiBps(10)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("MinimumThroughputBillingCommitment");
            assertThat(summary(client, onDemand).warmThroughput()).isNull();

            // When the commitment is enabled
            MinimumThroughputBillingCommitmentOutput enabled = client.updateAccountSettings(
                            b -> b.minimumThroughputBillingCommitment(
                                    c -> c.status(MinimumThroughputBillingCommitmentInputStatus.ENABLED)))
                    .minimumThroughputBillingCommitment();

            // Then it runs for at least a day
            assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
            assertThat(enabled.earliestAllowedEndAt())
                    .isEqualTo(enabled.startedAt().plus(Duration.ofDays(1)));
            assertThat(enabled.endedAt()).isNull();
            assertThat(client.describeAccountSettings(b -> {}).minimumThroughputBillingCommitment())
                    .isEqualTo(enabled);

            // When the on-demand stream's warm throughput is raised
            UpdateStreamWarmThroughputResponse updated = client.updateStreamWarmThroughput(
                    b -> b.streamName(onDemand).warmThroughputMiBps(100));

            // Then it scales towards it, and reaches it once ACTIVE again
            assertThat(updated.streamName()).isEqualTo(onDemand);
            assertThat(updated.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + onDemand);
            assertThat(updated.warmThroughput().targetMiBps()).isEqualTo(100);
            assertThat(updated.warmThroughput().currentMiBps()).isNull();
            awaitActive(client, onDemand);
            assertThat(summary(client, onDemand).warmThroughput())
                    .isEqualTo(WarmThroughputObject.builder()
                            .targetMiBps(100)
                            .currentMiBps(100)
                            .build());

            // And an on-demand stream can be created warm
            client.createStream(b -> b.streamName("warm-born")
                    .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
                    .warmThroughputMiBps(40));
            awaitActive(client, "warm-born");
            assertThat(summary(client, "warm-born").warmThroughput().currentMiBps())
                    .isEqualTo(40);

            // And AWS's exception types
            assertThatThrownBy(() -> client.updateStreamWarmThroughput(
                            b -> b.streamName(provisioned).warmThroughputMiBps(10)))
                    .isInstanceOf(KinesisException.class)
                    .extracting(e -> ((KinesisException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException");
            assertThatThrownBy(() -> client.updateStreamWarmThroughput(
                            b -> b.streamName(onDemand).warmThroughputMiBps(20_000)))
                    .isInstanceOf(LimitExceededException.class);
            assertThatThrownBy(() -> client.updateStreamWarmThroughput(
                            b -> b.streamName("gone").warmThroughputMiBps(10)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.updateAccountSettings(
                            b -> b.minimumThroughputBillingCommitment(c -> c.status("PAUSED"))))
                    .isInstanceOf(KinesisException.class)
                    .hasMessageContaining("Member must satisfy enum value set: [ENABLED, DISABLED]")
                    .extracting(e -> ((KinesisException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException");

            // When the commitment is disabled before its earliest end
            MinimumThroughputBillingCommitmentOutput ending = client.updateAccountSettings(
                            b -> b.minimumThroughputBillingCommitment(
                                    c -> c.status(MinimumThroughputBillingCommitmentInputStatus.DISABLED)))
                    .minimumThroughputBillingCommitment();

            // Then it ends only then
            assertThat(ending.status())
                    .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
            assertThat(ending.startedAt()).isEqualTo(enabled.startedAt());
            assertThat(ending.earliestAllowedEndAt()).isEqualTo(enabled.earliestAllowedEndAt());
        }

        // And the account settings and the warm throughput are durable
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            assertThat(client.describeAccountSettings(b -> {})
                            .minimumThroughputBillingCommitment()
                            .status())
                    .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
            awaitActive(client, onDemand);
            assertThat(summary(client, onDemand).warmThroughput().targetMiBps()).isEqualTo(100);
        }
    }

    private static StreamDescriptionSummary summary(KinesisClient client, String stream) {
        return client.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
    }

    private static void awaitActive(KinesisClient client, String stream) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> summary(client, stream).streamStatus() == StreamStatus.ACTIVE);
    }

    private static StreamDescriptionSummary summary(KinesisClient client) {
        return client.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary();
    }

    private static void awaitActive(KinesisClient client) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> summary(client).streamStatus() == StreamStatus.ACTIVE);
    }
}
