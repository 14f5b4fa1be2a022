package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import io.shardgate.gateway.Gateway;
import io.shardgate.gateway.config.GatewayConfig;

/**
 * Enhanced fan-out against the real AWS SDK for Java v2 async client (Netty, HTTP/2 by prior knowledge, CBOR by
 * default): the consumer operations and their errors, then SubscribeToShard with records from PutRecords and from a
 * Kafka producer, every starting position, resubscribing at the continuation across the subscription lifetime, a
 * second subscription refused, and JSON event payloads when the SDK speaks JSON.
 */
class KinesisEnhancedFanOutIT {

    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path dataDir;

    @Test
    void shouldManageConsumersAsAwsDoesWhenTheSdkCallsTheConsumerOperations() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisAsyncClient client = client(gateway)) {
            // Given an ACTIVE stream
            String streamArn = ItStreams.createActive(client, "consumers", 1);

            // When a consumer is registered
            Consumer registered = client.registerStreamConsumer(
                            b -> b.streamARN(streamArn).consumerName("app"))
                    .get(30, TimeUnit.SECONDS)
                    .consumer();

            // Then it is CREATING, then ACTIVE, under its ARN
            assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
            assertThat(registered.consumerARN()).matches(streamArn.replace(".", "\\.") + "/consumer/app:\\d+");
            awaitConsumerActive(client, registered.consumerARN());
            assertThat(client.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app"))
                            .get(30, TimeUnit.SECONDS)
                            .consumerDescription()
                            .streamARN())
                    .isEqualTo(streamArn);
            assertThat(client.describeStreamSummary(b -> b.streamName("consumers"))
                            .get(30, TimeUnit.SECONDS)
                            .streamDescriptionSummary()
                            .consumerCount())
                    .isEqualTo(1);

            // And a second one of the same name is refused, and a listing pages through all
            assertThatThrownBy(() -> client.registerStreamConsumer(
                                    b -> b.streamARN(streamArn).consumerName("app"))
                            .join())
                    .hasCauseInstanceOf(ResourceInUseException.class);
            for (int i = 0; i < 3; i++) {
                String name = "more" + i;
                client.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name))
                        .get(30, TimeUnit.SECONDS);
            }
            List<String> names = new ArrayList<>();
            client.listStreamConsumersPaginator(b -> b.streamARN(streamArn).maxResults(2))
                    .subscribe(page -> page.consumers().forEach(consumer -> names.add(consumer.consumerName())))
                    .get(30, TimeUnit.SECONDS);
            assertThat(names).containsExactly("app", "more0", "more1", "more2");

            // When the stream is deleted without EnforceConsumerDeletion, then with it
            assertThatThrownBy(() ->
                            client.deleteStream(b -> b.streamName("consumers")).join())
                    .hasCauseInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("because there are consumers associated with this data stream");
            client.deleteStream(b -> b.streamName("consumers").enforceConsumerDeletion(true))
                    .get(30, TimeUnit.SECONDS);

            // Then the consumers went with it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(
                            () -> client.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
                                    .join())
                    .hasCauseInstanceOf(ResourceNotFoundException.class));
        }
    }

    @Test
    void shouldPushRecordsFromPutRecordsAndAKafkaProducerWhenSubscribedOverHttp2() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "0")));
                KinesisAsyncClient client = client(gateway)) {
            // Given a stream of one shard, an ACTIVE consumer and a subscription from the start
            String streamArn = ItStreams.createActive(client, "fanout", 1);
            String consumerArn = register(client, streamArn, "reader");
            Subscription subscription =
                    subscribe(client, consumerArn, StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON));
            subscription.awaitFirstEvent();

            // When records come through PutRecords and through a Kafka producer while it is open
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("k" + i)
                        .data(SdkBytes.fromUtf8String("sdk-" + i))
                        .build());
            }
            client.putRecords(b -> b.streamName("fanout").records(entries)).get(30, TimeUnit.SECONDS);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + gateway.kafkaPort());
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("fanout", 0, bytes("kafka-key"), bytes("from-kafka")))
                        .get(30, TimeUnit.SECONDS);
            }

            // Then all 101 arrive in order, pushed, each event with a continuation
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(subscription.records()).hasSize(101));
            List<String> data = subscription.records().stream()
                    .map(record -> record.data().asUtf8String())
                    .toList();
            assertThat(data.subList(0, 100))
                    .isEqualTo(entries.stream()
                            .map(entry -> entry.data().asUtf8String())
                            .toList());
            assertThat(data.get(100)).isEqualTo("from-kafka");
            assertThat(subscription.records().get(100).partitionKey()).isEqualTo("kafka-key");
            assertThat(subscription.events).allMatch(event -> event.continuationSequenceNumber() != null);
            assertThat(subscription.events.get(subscription.events.size() - 1).continuationSequenceNumber())
                    .isEqualTo(subscription.records().get(100).sequenceNumber());

            // And a second subscription of the same consumer and shard is refused while this one is open
            Subscription second =
                    subscribe(client, consumerArn, StartingPosition.builder().type(ShardIteratorType.LATEST));
            assertThatThrownBy(() -> second.done.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("Another active subscription exists for this consumer: 000000000000:fanout:"
                            + SHARD + ":reader");
        }
    }

    @Test
    void shouldStartEveryPositionAtTheRightRecordWhenSubscribing() throws Exception {
        try (Gateway gateway = Gateway.start(shortSubscriptions(1500));
                KinesisAsyncClient client = client(gateway)) {
            // Given four records, the second one appended after a known instant
            String streamArn = ItStreams.createActive(client, "positions", 1);
            String consumerArn = register(client, streamArn, "positions");
            List<String> sequenceNumbers = new ArrayList<>();
            Instant beforeSecond = null;
            for (int i = 0; i < 4; i++) {
                if (i == 1) {
                    Thread.sleep(20);
                    beforeSecond = Instant.now();
                    Thread.sleep(20);
                }
                int n = i;
                sequenceNumbers.add(client.putRecord(
                                b -> b.streamName("positions").partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)))
                        .get(30, TimeUnit.SECONDS)
                        .sequenceNumber());
            }

            // When subscribed at each position until the lifetime ends the subscription, Then
            assertThat(readUntilEnd(client, consumerArn, b -> b.type(ShardIteratorType.TRIM_HORIZON)))
                    .containsExactly("r0", "r1", "r2", "r3");
            assertThat(readUntilEnd(client, consumerArn, b -> b.type(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(sequenceNumbers.get(2))))
                    .containsExactly("r2", "r3");
            assertThat(readUntilEnd(client, consumerArn, b -> b.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(sequenceNumbers.get(2))))
                    .containsExactly("r3");
            Instant at = beforeSecond;
            assertThat(readUntilEnd(client, consumerArn, b -> b.type(ShardIteratorType.AT_TIMESTAMP)
                            .timestamp(at)))
                    .containsExactly("r1", "r2", "r3");
            assertThat(readUntilEnd(client, consumerArn, b -> b.type(ShardIteratorType.LATEST)))
                    .isEmpty();
        }
    }

    @Test
    void shouldLoseAndRepeatNothingWhenResubscribingWithTheLastContinuation() throws Exception {
        try (Gateway gateway = Gateway.start(shortSubscriptions(1000));
                KinesisAsyncClient client = client(gateway)) {
            // Given a consumer that starts at TRIM_HORIZON of an empty shard
            String streamArn = ItStreams.createActive(client, "resubscribe", 1);
            String consumerArn = register(client, streamArn, "resubscriber");
            List<String> seen = new ArrayList<>();
            String continuation = null;
            int written = 0;

            // When it resubscribes AFTER_SEQUENCE_NUMBER its last continuation each time the lifetime ends it,
            // while records keep being written
            for (int round = 0; round < 4; round++) {
                String from = continuation;
                Subscription subscription = subscribe(
                        client,
                        consumerArn,
                        from == null
                                ? StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON)
                                : StartingPosition.builder()
                                        .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                        .sequenceNumber(from));
                for (int i = 0; i < 5; i++) {
                    int n = written++;
                    client.putRecord(b -> b.streamName("resubscribe")
                                    .partitionKey("k" + n)
                                    .data(SdkBytes.fromUtf8String("v" + n)))
                            .get(30, TimeUnit.SECONDS);
                }
                subscription.done.get(30, TimeUnit.SECONDS);
                subscription.records().forEach(record -> seen.add(record.data().asUtf8String()));
                if (!subscription.events.isEmpty()) {
                    continuation = subscription
                            .events
                            .get(subscription.events.size() - 1)
                            .continuationSequenceNumber();
                }
            }

            // Then every record exactly once, in order
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < written; i++) {
                expected.add("v" + i);
            }
            assertThat(seen).isEqualTo(expected);
        }
    }

    @Test
    void shouldSendJsonEventsWhenTheSdkSpeaksJson() throws Exception {
        SdkJson.run(() -> {
            try (Gateway gateway = Gateway.start(shortSubscriptions(1000));
                    KinesisAsyncClient client = client(gateway)) {
                // Given
                String streamArn = ItStreams.createActive(client, "json", 1);
                String consumerArn = register(client, streamArn, "json");
                client.putRecord(b -> b.streamName("json").partitionKey("k").data(SdkBytes.fromUtf8String("in json")))
                        .get(30, TimeUnit.SECONDS);

                // When / Then the SDK decodes the JSON events, timestamps included
                Subscription subscription = subscribe(
                        client, consumerArn, StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON));
                subscription.done.get(30, TimeUnit.SECONDS);
                assertThat(subscription.records()).hasSize(1);
                assertThat(subscription.records().get(0).data().asUtf8String()).isEqualTo("in json");
                assertThat(subscription.records().get(0).approximateArrivalTimestamp())
                        .isBetween(Instant.now().minusSeconds(60), Instant.now());
            }
        });
    }

    @Test
    void shouldKeepConsumersAndFinishTheirRegistrationWhenTheGatewayRestarts() throws Exception {
        // Given an ACTIVE consumer, and one left CREATING by a gateway that stopped before its timer fired
        String consumerArn;
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "0")));
                KinesisAsyncClient client = client(gateway)) {
            String streamArn = ItStreams.createActive(client, "durable", 1);
            consumerArn = client.registerStreamConsumer(
                            b -> b.streamARN(streamArn).consumerName("kept"))
                    .get(30, TimeUnit.SECONDS)
                    .consumer()
                    .consumerARN();
        }
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "600000")));
                KinesisAsyncClient client = client(gateway)) {
            String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/durable";
            client.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("pending"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(client.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("pending"))
                            .get(30, TimeUnit.SECONDS)
                            .consumerDescription()
                            .consumerStatus())
                    .isEqualTo(ConsumerStatus.CREATING);
        }

        // When the gateway starts again
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisAsyncClient client = client(gateway)) {
            // Then both consumers are there, under the same ARN, and the pending one is ACTIVE
            String kept = consumerArn;
            assertThat(client.describeStreamConsumer(b -> b.consumerARN(kept))
                            .get(30, TimeUnit.SECONDS)
                            .consumerDescription()
                            .consumerStatus())
                    .isEqualTo(ConsumerStatus.ACTIVE);
            awaitConsumerActive(
                    client,
                    client.describeStreamConsumer(
                                    b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/durable")
                                            .consumerName("pending"))
                            .get(30, TimeUnit.SECONDS)
                            .consumerDescription()
                            .consumerARN());
        }
    }

    @Test
    void shouldStreamEventsOverHttp1ChunkedWhenTheClientSpeaksHttp1() throws Exception {
        try (Gateway gateway = Gateway.start(shortSubscriptions(1000));
                KinesisAsyncClient client = client(gateway)) {
            // Given a record and a consumer
            String streamArn = ItStreams.createActive(client, "chunked", 1);
            String consumerArn = register(client, streamArn, "plain");
            client.putRecord(b -> b.streamName("chunked").partitionKey("k").data(SdkBytes.fromUtf8String("over h1")))
                    .get(30, TimeUnit.SECONDS);

            // When the JDK client subscribes over HTTP/1.1 in JSON
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build();
            java.net.http.HttpResponse<byte[]> response = http.send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.kinesisPort() + "/"))
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"ConsumerARN\":\"" + consumerArn + "\",\"ShardId\":\"" + SHARD
                                            + "\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());

            // Then a chunked event stream that ended after the lifetime: the initial response, then the record
            assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
            assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
            java.nio.ByteBuffer body = java.nio.ByteBuffer.wrap(response.body());
            List<software.amazon.awssdk.eventstream.Message> messages = new ArrayList<>();
            while (body.hasRemaining()) {
                int length = body.getInt(body.position());
                java.nio.ByteBuffer one = body.slice();
                one.limit(length);
                messages.add(software.amazon.awssdk.eventstream.Message.decode(one));
                body.position(body.position() + length);
            }
            assertThat(messages.get(0).getHeaders().get(":event-type").getString())
                    .isEqualTo("initial-response");
            assertThat(messages.get(1).getHeaders().get(":event-type").getString())
                    .isEqualTo("SubscribeToShardEvent");
            assertThat(new String(messages.get(1).getPayload(), StandardCharsets.UTF_8))
                    .contains("\"Data\":\"" + java.util.Base64.getEncoder().encodeToString(bytes("over h1")) + "\"")
                    .contains("\"ContinuationSequenceNumber\":\"");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The events one subscription received and how it ended. */
    private static final class Subscription {
        final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done;

        List<Record> records() {
            List<Record> records = new ArrayList<>();
            events.forEach(event -> records.addAll(event.records()));
            return records;
        }

        void awaitFirstEvent() {
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty() || done.isDone());
        }
    }

    private static Subscription subscribe(
            KinesisAsyncClient client, String consumerArn, StartingPosition.Builder position) {
        Subscription subscription = new Subscription();
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .subscriber(event -> {
                    if (event instanceof SubscribeToShardEvent records) {
                        subscription.events.add(records);
                    }
                })
                .build();
        subscription.done = client.subscribeToShard(
                b -> b.consumerARN(consumerArn).shardId(SHARD).startingPosition(position.build()), handler);
        return subscription;
    }

    private static List<String> readUntilEnd(
            KinesisAsyncClient client,
            String consumerArn,
            java.util.function.Consumer<StartingPosition.Builder> position)
            throws Exception {
        StartingPosition.Builder builder = StartingPosition.builder();
        position.accept(builder);
        Subscription subscription = subscribe(client, consumerArn, builder);
        subscription.done.get(30, TimeUnit.SECONDS);
        return subscription.records().stream()
                .map(record -> record.data().asUtf8String())
                .toList();
    }

    private static String register(KinesisAsyncClient client, String streamArn, String name) throws Exception {
        String arn = client.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name))
                .get(30, TimeUnit.SECONDS)
                .consumer()
                .consumerARN();
        awaitConsumerActive(client, arn);
        return arn;
    }

    private static void awaitConsumerActive(KinesisAsyncClient client, String consumerArn) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.describeStreamConsumer(b -> b.consumerARN(consumerArn))
                                .get(30, TimeUnit.SECONDS)
                                .consumerDescription()
                                .consumerStatus()
                        == ConsumerStatus.ACTIVE);
    }

    /**
     * A gateway whose subscriptions end after {@code lifetimeMs}, with no hold after a call (AWS's 5 seconds would
     * refuse the resubscriptions these tests make at once), streams ACTIVE at once.
     */
    private GatewayConfig shortSubscriptions(long lifetimeMs) {
        return ItGateways.config(
                dataDir,
                Map.of(
                        "kinesis.statusDelayMs",
                        "0",
                        "kinesis.subscriptionLifetimeMs",
                        Long.toString(lifetimeMs),
                        "kinesis.subscriptionHoldMs",
                        "0"));
    }

    private static KinesisAsyncClient client(Gateway gateway) {
        return KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
