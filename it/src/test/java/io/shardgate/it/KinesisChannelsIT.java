package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChannelDescription;
import software.amazon.awssdk.services.kinesis.model.ChannelDestinationType;
import software.amazon.awssdk.services.kinesis.model.ChannelStatus;
import software.amazon.awssdk.services.kinesis.model.ChannelSummary;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListChannelsResponse;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.S3StorageClass;
import software.amazon.awssdk.services.kinesis.model.S3TablesCompressionType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import io.shardgate.gateway.Gateway;

/**
 * The five channel operations (ADR 0019) through the real AWS SDK for Java v2 (sync client), in CBOR and in JSON:
 * create (defaults filled in, CREATING then ACTIVE), describe, list (a stream filter, pages of the SDK's paginator),
 * update (UPDATING then ACTIVE), delete (DELETING then gone), DescribeStreamSummary's and DescribeLimits' channel
 * counts, DeleteStream refused while a channel reads the stream, the channels kept across a restart, and each error
 * type the operations answer. Nothing is delivered anywhere: only what the gateway records is checked.
 */
class KinesisChannelsIT {

    private static final String ACCOUNT = "000000000000";
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/delivery";
    private static final String BUCKET = "arn:aws:s3:::delivered";
    private static final String SCHEMA = "arn:aws:glue:us-east-1:" + ACCOUNT + ":schema/registry/orders";

    /** A status delay long enough for a busy machine to see DELETING before the channel is gone. */
    private static final Map<String, String> SLOW = Map.of("kinesis.statusDelayMs", "1500");

    @TempDir
    Path dataDir;

    @Test
    void shouldCreateDescribeListUpdateAndDeleteChannelsWhenTheSdkSpeaksCbor() throws Exception {
        exerciseChannels();
    }

    @Test
    void shouldCreateDescribeListUpdateAndDeleteChannelsWhenTheSdkSpeaksJson() throws Exception {
        SdkJson.run(this::exerciseChannels);
    }

    private void exerciseChannels() throws Exception {
        String s3Arn;
        String tablesArn;
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, SLOW));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given two on-demand streams and a provisioned one
            client.createStream(b -> b.streamName("orders").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
            client.createStream(
                    b -> b.streamName("returns").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
            client.createStream(b -> b.streamName("legacy").shardCount(1));
            for (String stream : List.of("orders", "returns", "legacy")) {
                awaitStreamActive(client, stream);
            }

            // When a channel to S3 is created with only the required members
            ChannelDescription created =
                    client.createChannel(s3Channel("to-s3", "orders")).channelDescription();

            // Then it is CREATING, with AWS's ARN layout and defaults, then ACTIVE
            s3Arn = created.channelARN();
            assertThat(s3Arn)
                    .isEqualTo("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/" + created.channelId())
                    .matches(".*:channel/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(created.channelStatus()).isEqualTo(ChannelStatus.CREATING);
            assertThat(created.channelName()).isEqualTo("to-s3");
            assertThat(created.serviceExecutionRoleARN()).isEqualTo(ROLE);
            assertThat(created.streamConfigurationList().get(0).streamARN()).isEqualTo(STREAM_ARN + "orders");
            assertThat(created.streamConfigurationList()
                            .get(0)
                            .recordConfiguration()
                            .recordFormatType())
                    .isEqualTo(RecordFormatType.JSON);
            assertThat(created.s3DestinationConfiguration().dataFreshnessInSeconds())
                    .isEqualTo(300);
            assertThat(created.s3DestinationConfiguration()
                            .storageConfiguration()
                            .storageClass())
                    .isEqualTo(S3StorageClass.STANDARD);
            assertThat(created.s3DestinationConfiguration()
                            .deadLetterQueueS3Configuration()
                            .bucketARN())
                    .isEqualTo(BUCKET);
            assertThat(created.s3DestinationConfiguration()
                            .deadLetterQueueS3Configuration()
                            .errorOutputPrefix())
                    .isEqualTo("kinesis-channel/errors/to-s3/" + created.channelId() + "/");
            assertThat(created.loggingConfiguration().cloudWatchLogs().enabled())
                    .isFalse();
            assertThat(created.s3TablesDestinationConfiguration()).isNull();
            ChannelDescription active = awaitChannel(client, s3Arn, ChannelStatus.ACTIVE);
            assertThat(active.channelCreationTimestamp()).isEqualTo(created.channelCreationTimestamp());

            // And a streaming-table channel on the same stream, and an S3 one on another
            tablesArn = client.createChannel(b -> b.channelName("to-tables")
                            .serviceExecutionRoleARN(ROLE)
                            .streamConfigurationList(s -> s.streamARN(STREAM_ARN + "orders")
                                    .recordConfiguration(r -> r.recordFormatType(RecordFormatType.GSR_JSON)
                                            .gsrSchemaARN(SCHEMA)))
                            .s3TablesDestinationConfiguration(t -> t.dataFreshnessInSeconds(900)
                                    .deadLetterQueueS3Configuration(
                                            d -> d.bucketARN("arn:aws:s3:::dlq").expectedBucketOwner(ACCOUNT))
                                    .s3TablesConfigurationList(c -> c.tableBucketARN(
                                                    "arn:aws:s3tables:us-east-1:" + ACCOUNT + ":bucket/tables")
                                            .namespace("sales")
                                            .tableName("orders")
                                            .compressionType(S3TablesCompressionType.ZSTD))))
                    .channelDescription()
                    .channelARN();
            client.createChannel(s3Channel("returns-to-s3", "returns"));

            // Then ListChannels pages them in name order, the SDK's paginator following NextToken
            List<ListChannelsResponse> pages =
                    client.listChannelsPaginator(b -> b.maxResults(2)).stream().toList();
            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).nextToken()).isNotNull();
            assertThat(pages.stream().flatMap(page -> page.channelSummaries().stream()))
                    .extracting(ChannelSummary::channelName)
                    .containsExactly("returns-to-s3", "to-s3", "to-tables");
            // And filters them by stream
            List<ChannelSummary> ofOrders = client.listChannels(
                            b -> b.streamFilter(f -> f.streamARN(STREAM_ARN + "orders")))
                    .channelSummaries();
            assertThat(ofOrders)
                    .extracting(ChannelSummary::channelName, ChannelSummary::channelDestinationType)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("to-s3", ChannelDestinationType.S3),
                            org.assertj.core.groups.Tuple.tuple("to-tables", ChannelDestinationType.S3_TABLES));
            assertThat(ofOrders.get(0).streams().get(0).streamCreationTimestamp())
                    .isEqualTo(client.describeStreamSummary(b -> b.streamName("orders"))
                            .streamDescriptionSummary()
                            .streamCreationTimestamp());
            // And the counts
            assertThat(client.describeStreamSummary(b -> b.streamName("orders"))
                            .streamDescriptionSummary()
                            .channelCount())
                    .isEqualTo(2);
            DescribeLimitsResponse limits = client.describeLimits(b -> {});
            assertThat(limits.channelCount()).isEqualTo(3);
            assertThat(limits.channelCountLimit()).isEqualTo(1_000_000);

            // When the S3 channel's data freshness and logging are updated
            ChannelDescription updated = client.updateChannel(b -> b.channelARN(s3Arn)
                            .s3DestinationConfiguration(s -> s.dataFreshnessInSeconds(600))
                            .loggingConfiguration(
                                    l -> l.cloudWatchLogs(c -> c.enabled(true).logGroupName("/my/group"))))
                    .channelDescription();

            // Then it is UPDATING with the new settings, then ACTIVE
            assertThat(updated.channelStatus()).isEqualTo(ChannelStatus.UPDATING);
            assertThat(updated.s3DestinationConfiguration().dataFreshnessInSeconds())
                    .isEqualTo(600);
            assertThat(updated.loggingConfiguration().cloudWatchLogs().logGroupName())
                    .isEqualTo("/my/group");
            assertThat(updated.loggingConfiguration().cloudWatchLogs().logStreamName())
                    .isEqualTo("DestinationDelivery");
            awaitChannel(client, s3Arn, ChannelStatus.ACTIVE);

            // And AWS's exception types
            assertThatThrownBy(() -> client.createChannel(s3Channel("to-s3", "returns")))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("Channel to-s3 under account " + ACCOUNT + " already exists.");
            assertThatThrownBy(() -> client.createChannel(s3Channel("second", "orders")))
                    .isInstanceOf(LimitExceededException.class);
            assertThatThrownBy(() -> client.createChannel(s3Channel("c", "missing")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.createChannel(s3Channel("c", "legacy")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("PROVISIONED");
            assertThatThrownBy(() -> client.createChannel(s3Channel("a b", "returns")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("at 'channelName' failed to satisfy constraint");
            assertThatThrownBy(() -> client.createChannel(s3Channel("c", "returns").toBuilder()
                            .streamConfigurationList(s -> s.streamARN(STREAM_ARN + "returns")
                                    .recordConfiguration(r -> r.recordFormatType(RecordFormatType.GSR_JSON)))
                            .build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("GSR_JSON");
            assertThatThrownBy(() -> client.updateChannel(b -> b.channelARN(tablesArn)
                            .s3TablesDestinationConfiguration(s -> s.dataFreshnessInSeconds(100))))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> client.listChannels(b -> b.nextToken("not-ours")))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> client.describeChannel(
                            b -> b.channelARN("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/none")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.deleteStream(b -> b.streamName("orders")))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("channels associated with this data stream");
        }

        // And the channels are durable
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, SLOW));
                KinesisClient client = ItClients.kinesis(gateway)) {
            ChannelDescription kept = awaitChannel(client, s3Arn, ChannelStatus.ACTIVE);
            assertThat(kept.s3DestinationConfiguration().dataFreshnessInSeconds())
                    .isEqualTo(600);
            assertThat(client.listChannels(b -> {}).channelSummaries()).hasSize(3);

            // When a channel is deleted
            client.deleteChannel(b -> b.channelARN(tablesArn));

            // Then it is DELETING, then gone
            assertThat(client.describeChannel(b -> b.channelARN(tablesArn))
                            .channelDescription()
                            .channelStatus())
                    .isEqualTo(ChannelStatus.DELETING);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThatThrownBy(() -> client.describeChannel(b -> b.channelARN(tablesArn)))
                            .isInstanceOf(ResourceNotFoundException.class));
            assertThat(client.listChannels(b -> b.streamFilter(f -> f.streamARN(STREAM_ARN + "orders")))
                            .channelSummaries())
                    .extracting(ChannelSummary::channelName)
                    .containsExactly("to-s3");
        }
    }

    private static CreateChannelRequest s3Channel(String name, String stream) {
        return CreateChannelRequest.builder()
                .channelName(name)
                .serviceExecutionRoleARN(ROLE)
                .streamConfigurationList(s -> s.streamARN(STREAM_ARN + stream)
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON)))
                .s3DestinationConfiguration(d -> d.storageConfiguration(
                        c -> c.bucketARN(BUCKET).expectedBucketOwner(ACCOUNT).compressionType(S3CompressionType.GZIP)))
                .build();
    }

    private static ChannelDescription awaitChannel(KinesisClient client, String arn, ChannelStatus status) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> client.describeChannel(b -> b.channelARN(arn)).channelDescription(),
                        description -> description.channelStatus() == status);
    }

    private static void awaitStreamActive(KinesisClient client, String stream) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.describeStreamSummary(b -> b.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }
}
