package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
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
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DryRunOperationException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

import io.shardgate.gateway.Gateway;
import io.shardgate.kinesis.mapping.ShardIterators;

/**
 * The Kinesis listener against the real AWS SDK for Java v2: the sync client over HTTP/1.1 in CBOR (the SDK's
 * default) and in JSON, the async Netty client over HTTP/2, the JDK client over {@code Upgrade: h2c}, and a Kafka
 * producer's record read through GetRecords.
 */
class KinesisSdkIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldServeTheCoreOperationsWhenTheSdkSpeaksCbor() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            exerciseCoreOperations(gateway, client, "cbor-stream");
        }
    }

    @Test
    void shouldServeTheSameOperationsWhenTheSdkSpeaksJson() throws Exception {
        ContentTypes seen = new ContentTypes();
        SdkJson.run(() -> {
            try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                    KinesisClient client = syncClient(gateway, seen)) {
                exerciseCoreOperations(gateway, client, "json-stream");
            }
        });
        assertThat(seen.sent).isNotEmpty().allMatch(type -> type.equals("application/x-amz-json-1.1"));
        assertThat(seen.received).isNotEmpty().allMatch(type -> type.equals("application/x-amz-json-1.1"));
    }

    @Test
    void shouldSendCborByDefaultWhenTheSdkIsNotTold() throws Exception {
        ContentTypes seen = new ContentTypes();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = syncClient(gateway, seen)) {
            // When
            client.listStreams(b -> {});

            // Then the body went and came back as CBOR
            assertThat(seen.sent).containsExactly("application/x-amz-cbor-1.1");
            assertThat(seen.received).containsExactly("application/x-amz-cbor-1.1");
        }
    }

    private void exerciseCoreOperations(Gateway gateway, KinesisClient client, String name) throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        // Given a stream of two shards, CREATING then ACTIVE
        client.createStream(b -> b.streamName(name).shardCount(2));
        assertThat(client.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .streamStatus())
                .isEqualTo(StreamStatus.CREATING);
        awaitActive(client, name);
        // (with AWS's default record distribution, which the KPL 1.1 asks for before it aggregates)
        assertThat(client.describeStreamSummary(b -> b.streamName(name))
                        .streamDescriptionSummary()
                        .recordDistributionStrategy())
                .isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);
        assertThatThrownBy(() -> client.createStream(b -> b.streamName(name).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream " + name + " under account 000000000000 already exists.");

        // When it is described, listed and its shards listed (by name and by ARN)
        StreamDescription description =
                client.describeStream(b -> b.streamName(name)).streamDescription();
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
        assertThat(description.streamARN()).isEqualTo(arn);
        assertThat(description.shards()).hasSize(2);
        assertThat(description.hasMoreShards()).isFalse();
        assertThat(description.retentionPeriodHours()).isEqualTo(24);
        assertThat(description.streamCreationTimestamp())
                .isBetween(before, Instant.now().plusSeconds(1));
        assertThat(description.shards().get(0).shardId()).isEqualTo("shardId-000000000000");
        assertThat(description.shards().get(1).hashKeyRange().endingHashKey())
                .isEqualTo("340282366920938463463374607431768211455");
        StreamDescription firstPage =
                client.describeStream(b -> b.streamName(name).limit(1)).streamDescription();
        assertThat(firstPage.shards()).hasSize(1);
        assertThat(firstPage.hasMoreShards()).isTrue();
        assertThat(client.describeStream(b -> b.streamName(name).exclusiveStartShardId("shardId-000000000000"))
                        .streamDescription()
                        .shards())
                .extracting(shard -> shard.shardId())
                .containsExactly("shardId-000000000001");
        assertThat(client.listStreams(b -> {}).streamNames()).contains(name);
        assertThat(client.listStreams(b -> {}).streamSummaries())
                .anySatisfy(summary -> assertThat(summary.streamARN()).isEqualTo(arn));
        ListShardsResponse page = client.listShards(b -> b.streamARN(arn).maxResults(1));
        assertThat(page.shards()).hasSize(1);
        ListShardsResponse rest = client.listShards(b -> b.nextToken(page.nextToken()));
        assertThat(rest.shards()).extracting(shard -> shard.shardId()).containsExactly("shardId-000000000001");
        assertThat(rest.nextToken()).isNull();
        assertThat(client.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                        .shards())
                .hasSize(2);

        // And records are put: one by one, explicitly hashed, and in a PutRecords call
        PutRecordResponse one =
                client.putRecord(b -> b.streamName(name).partitionKey("alpha").data(SdkBytes.fromUtf8String("first")));
        PutRecordResponse explicit = client.putRecord(b -> b.streamARN(arn)
                .partitionKey("beta")
                .explicitHashKey("340282366920938463463374607431768211455")
                .data(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
        assertThat(explicit.shardId()).isEqualTo("shardId-000000000001");
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("key-" + (n % 7))
                    .data(SdkBytes.fromUtf8String("record-" + n))
                    .build());
        }
        PutRecordsResponse batch = client.putRecords(b -> b.streamName(name).records(entries));
        assertThat(batch.failedRecordCount()).isZero();
        assertThat(batch.records()).hasSize(500).allSatisfy(result -> assertThat(result.sequenceNumber())
                .hasSize(56));

        // Then every record reads back from TRIM_HORIZON, byte-exact, in order per shard
        List<Record> all = new ArrayList<>();
        for (String shardId : List.of("shardId-000000000000", "shardId-000000000001")) {
            String iterator = client.getShardIterator(
                            b -> b.streamName(name).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<Record> shardRecords = readAll(client, iterator, 100);
            assertThat(shardRecords)
                    .extracting(Record::sequenceNumber)
                    .isSortedAccordingTo((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
            all.addAll(shardRecords);
        }
        assertThat(all).hasSize(502);
        assertThat(all)
                .filteredOn(record -> record.sequenceNumber().equals(one.sequenceNumber()))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.partitionKey()).isEqualTo("alpha");
                    assertThat(record.data().asUtf8String()).isEqualTo("first");
                    assertThat(record.approximateArrivalTimestamp()).isBetween(before, Instant.now());
                });
        assertThat(all)
                .filteredOn(record -> record.sequenceNumber().equals(explicit.sequenceNumber()))
                .singleElement()
                .satisfies(record -> assertThat(record.data().asByteArray()).containsExactly(0, 1, 2, (byte) 0xff));
        for (int i = 0; i < 500; i++) {
            PutRecordsResultEntry result = batch.records().get(i);
            String expected = "record-" + i;
            assertThat(all)
                    .filteredOn(record -> record.sequenceNumber().equals(result.sequenceNumber()))
                    .singleElement()
                    .satisfies(
                            record -> assertThat(record.data().asUtf8String()).isEqualTo(expected));
        }

        // And the other iterator types start where they should
        String shard0 = "shardId-000000000000";
        String at = client.getShardIterator(b -> b.streamName(name)
                        .shardId(one.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(one.sequenceNumber()))
                .shardIterator();
        assertThat(client.getRecords(b -> b.shardIterator(at).limit(1)).records())
                .extracting(Record::sequenceNumber)
                .containsExactly(one.sequenceNumber());
        String after = client.getShardIterator(b -> b.streamName(name)
                        .shardId(one.shardId())
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .startingSequenceNumber(one.sequenceNumber()))
                .shardIterator();
        assertThat(client.getRecords(b -> b.shardIterator(after).limit(1)).records())
                .extracting(Record::sequenceNumber)
                .doesNotContain(one.sequenceNumber());
        String latest = client.getShardIterator(
                        b -> b.streamName(name).shardId(shard0).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
        GetRecordsResponse atTip = client.getRecords(b -> b.shardIterator(latest));
        assertThat(atTip.records()).isEmpty();
        assertThat(atTip.millisBehindLatest()).isZero();
        assertThat(atTip.nextShardIterator()).isNotNull();
        String fromPast = client.getShardIterator(b -> b.streamName(name)
                        .shardId(shard0)
                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(before))
                .shardIterator();
        assertThat(client.getRecords(b -> b.shardIterator(fromPast)).records()).isNotEmpty();
        String fromFuture = client.getShardIterator(b -> b.streamName(name)
                        .shardId(shard0)
                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(Instant.now()))
                .shardIterator();
        assertThat(client.getRecords(b -> b.shardIterator(fromFuture)).records())
                .isEmpty();

        // And the common errors are AWS's
        assertThatThrownBy(() -> client.describeStream(b -> b.streamName("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream missing under account 000000000000 not found.")
                .satisfies(e -> assertThat(((KinesisException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(
                        () -> client.createStream(b -> b.streamName("bad name!").shardCount(0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("2 validation errors detected: Value 'bad name!' at 'streamName' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+;"
                        + " Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater"
                        + " than or equal to 1");
        String otherShardSequence = client.putRecord(b -> b.streamName(name)
                        .partitionKey("x")
                        .explicitHashKey("340282366920938463463374607431768211455")
                        .data(SdkBytes.fromUtf8String("x")))
                .sequenceNumber();
        assertThatThrownBy(() -> client.getShardIterator(b -> b.streamName(name)
                        .shardId(shard0)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(otherShardSequence)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("It encodes shardId-000000000001, while it was used in a call to a shard with"
                        + " shardId-000000000000");
        assertThatThrownBy(() -> client.putRecord(b -> b.streamName(name)
                        .partitionKey("dry")
                        .data(SdkBytes.fromUtf8String("never stored"))
                        .dryRun(true)))
                .isInstanceOf(DryRunOperationException.class);
        assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator("not-an-iterator")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid ShardIterator.");
        byte[] key = Files.readAllBytes(dataDir.resolve("kinesis-iterator.key"));
        String expired = new ShardIterators(key, Clock.systemUTC())
                .seal(
                        name,
                        0,
                        0,
                        System.currentTimeMillis() - Duration.ofMinutes(6).toMillis());
        assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator(expired)))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessageContaining("Iterator expired.");

        // And DeleteStream leaves DELETING, then the stream is gone
        client.deleteStream(b -> b.streamName(name));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> client.describeStreamSummary(b -> b.streamName(name)))
                        .isInstanceOf(ResourceNotFoundException.class));
        assertThat(gateway.store().stream(name)).isEmpty();
    }

    @Test
    void shouldServeTheAsyncClientWhenItSpeaksHttp2() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisAsyncClient client = KinesisAsyncClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials())
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                        .build()) {
            // Given an on-demand stream, made over HTTP/2
            client.createStream(b -> b.streamName("h2").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)))
                    .get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.describeStreamSummary(b -> b.streamName("h2"))
                                    .get(30, TimeUnit.SECONDS)
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE);
            assertThat(client.listShards(b -> b.streamName("h2"))
                            .get(30, TimeUnit.SECONDS)
                            .shards())
                    .hasSize(4);

            // When records are put and read over concurrent HTTP/2 streams
            List<java.util.concurrent.CompletableFuture<PutRecordResponse>> puts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                puts.add(client.putRecord(
                        b -> b.streamName("h2").partitionKey("k" + n).data(SdkBytes.fromUtf8String("v" + n))));
            }
            java.util.concurrent.CompletableFuture.allOf(puts.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);

            // Then all 50 are readable
            int read = 0;
            for (int shard = 0; shard < 4; shard++) {
                String shardId = String.format("shardId-%012d", shard);
                String iterator = client.getShardIterator(b ->
                                b.streamName("h2").shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .get(30, TimeUnit.SECONDS)
                        .shardIterator();
                read += client.getRecords(b -> b.shardIterator(iterator))
                        .get(30, TimeUnit.SECONDS)
                        .records()
                        .size();
            }
            assertThat(read).isEqualTo(50);
        }
    }

    @Test
    void shouldAnswerOverHttp2WhenTheClientUpgradesFromHttp1() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            // Given the JDK client, which asks for h2c with an Upgrade header on plain http
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

            // When it lists streams twice on one connection
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.kinesisPort() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                // Then the answer came over HTTP/2 with AWS's headers
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"StreamNames\":[]");
                assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
                assertThat(response.headers().firstValue("x-amz-id-2")).isPresent();
            }
        }
    }

    @Test
    void shouldReadAKafkaProducersRecordWhenGetRecordsReadsItsPartition() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "0")));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            // Given a Kinesis stream of one shard
            client.createStream(b -> b.streamName("mixed").shardCount(1));

            // When a Kafka producer writes to its partition, with a key and without one, gzip-compressed
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + gateway.kafkaPort());
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("mixed", 0, bytes("order-17"), bytes("{\"total\":42}")))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>("mixed", 0, null, bytes("keyless")))
                        .get(30, TimeUnit.SECONDS);
            }

            // Then GetRecords returns the same bytes, the key as partition key and the stand-in for no key
            String iterator = client.getShardIterator(b -> b.streamName("mixed")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<Record> records =
                    client.getRecords(b -> b.shardIterator(iterator)).records();
            assertThat(records).hasSize(2);
            assertThat(records.get(0).partitionKey()).isEqualTo("order-17");
            assertThat(records.get(0).data().asUtf8String()).isEqualTo("{\"total\":42}");
            assertThat(records.get(1).partitionKey()).isEqualTo("_sg:null");
            assertThat(records.get(1).data().asUtf8String()).isEqualTo("keyless");
        }
    }

    @Test
    void shouldTakeA10MibRecordAfterUpdateMaxRecordSizeAndKeepTheSizeAcrossARestart() throws Exception {
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/large";
        byte[] large = new byte[10 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 13);
        }
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "0")));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            // Given a stream at the default 1024 KiB, which refuses a 10 MiB record
            client.createStream(b -> b.streamName("large").shardCount(1));
            assertThat(client.describeStreamSummary(b -> b.streamName("large"))
                            .streamDescriptionSummary()
                            .maxRecordSizeInKiB())
                    .isEqualTo(1024);
            assertThatThrownBy(() -> client.putRecord(
                            b -> b.streamName("large").partitionKey("k").data(SdkBytes.fromByteArray(large))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Value at 'data' failed to satisfy constraint: Member must have length less"
                            + " than or equal to 1048576");

            // When raised to 10240 KiB
            client.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(10240));

            // Then the 10 MiB record goes in and GetRecords returns it whole
            client.putRecord(b -> b.streamName("large").partitionKey("k").data(SdkBytes.fromByteArray(large)));
            String iterator = client.getShardIterator(b -> b.streamName("large")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<Record> records =
                    client.getRecords(b -> b.shardIterator(iterator)).records();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).data().asByteArray()).isEqualTo(large);

            // And a size out of range is AWS's ValidationException
            assertThatThrownBy(() ->
                            client.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(512)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Value '512' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member"
                            + " must have value greater than or equal to 1024");
        }

        // When the gateway starts again, Then the size is kept
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            assertThat(client.describeStreamSummary(b -> b.streamName("large"))
                            .streamDescriptionSummary()
                            .maxRecordSizeInKiB())
                    .isEqualTo(10240);
        }
    }

    @Test
    void shouldFinishPendingCreatesAndKeepIteratorsWhenTheGatewayRestarts() throws Exception {
        // Given a stream left CREATING by a gateway that stopped before its timer fired
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "600000")));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            client.createStream(b -> b.streamName("pending").shardCount(1));
            assertThat(client.describeStreamSummary(b -> b.streamName("pending"))
                            .streamDescriptionSummary()
                            .streamStatus())
                    .isEqualTo(StreamStatus.CREATING);
        }

        // When the gateway starts again, and a record and an iterator are taken
        String iterator;
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            // Then the stream became ACTIVE
            awaitActive(client, "pending");
            client.putRecord(b -> b.streamName("pending").partitionKey("k").data(SdkBytes.fromUtf8String("kept")));
            iterator = client.getShardIterator(b -> b.streamName("pending")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
        }

        // And an iterator issued before a restart still reads after it (the key lives in the data directory)
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = syncClient(gateway, new ContentTypes())) {
            String issued = iterator;
            assertThat(client.getRecords(b -> b.shardIterator(issued)).records())
                    .extracting(record -> record.data().asUtf8String())
                    .containsExactly("kept");
        }
    }

    private static List<Record> readAll(KinesisClient client, String firstIterator, int limit) {
        List<Record> records = new ArrayList<>();
        String iterator = firstIterator;
        for (int calls = 0; calls < 100; calls++) {
            String current = iterator;
            GetRecordsResponse response =
                    client.getRecords(b -> b.shardIterator(current).limit(limit));
            records.addAll(response.records());
            iterator = response.nextShardIterator();
            if (response.records().isEmpty() || iterator == null) {
                break;
            }
        }
        return records;
    }

    private static void awaitActive(KinesisClient client, String name) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> client.describeStreamSummary(b -> b.streamName(name))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    private static KinesisClient syncClient(Gateway gateway, ContentTypes seen) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(seen))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The Content-Type of every request the client sent and every response it received. */
    private static final class ContentTypes implements ExecutionInterceptor {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(sent::add);
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            context.httpResponse().firstMatchingHeader("Content-Type").ifPresent(received::add);
        }
    }
}
