package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.SingleWorkerScheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

import io.shardgate.gateway.Gateway;

/**
 * The Kinesis Client Library 3.x (a real {@link Scheduler} with real record processors) against an in-process gateway:
 * polling retrieval of records written by PutRecords and by a Kafka producer, checkpoints and a second application
 * instance resuming after them; enhanced fan-out (the KCL's default: RegisterStreamConsumer, then SubscribeToShard over
 * HTTP/2 by prior knowledge with the SDK's Netty client as {@link KinesisClientUtil} builds it); and a SplitShard while
 * the KCL consumes, which it must follow from the parent (ShardEnded, checkpoint at SHARD_END) to the children.
 *
 * <p>The KCL keeps its leases, coordinator state and worker metrics in DynamoDB: here {@link Dynalite} (npm, run by
 * node), whose tables are read back with the SDK's DynamoDB client to check the checkpoints the KCL wrote. Skipped
 * (assumption) when node or dynalite is missing; {@code .ci/run} installs dynalite. Metrics are off (MetricsLevel NONE,
 * {@link NullMetricsFactory}); the CloudWatch client the KCL requires points at a closed local port, so no AWS
 * endpoint is ever contacted. Lease, assignment, leader and poll intervals are shortened, and the worker is a
 * {@link SingleWorkerScheduler} (the KCL's scheduler without its random 1-30 s start-up wait for a fleet), so that each
 * scenario takes seconds.
 */
class KclIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @TempDir
    static Path dataDir;

    private static Dynalite dynalite;
    private static Gateway gateway;
    private static KinesisAsyncClient kinesis;
    private static DynamoDbAsyncClient dynamo;
    private static DynamoDbClient dynamoReader;
    private static CloudWatchAsyncClient cloudWatch;

    private static String skipped;

    @BeforeAll
    static void start() throws Exception {
        skipped = Dynalite.missing().orElse(null);
        if (skipped != null) {
            return; // every test is skipped by requireDynalite, with the reason in the report
        }
        dynalite = Dynalite.start();
        gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "0")));
        kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS));
        dynamo = dynalite.asyncClient();
        dynamoReader = dynalite.client();
        // Never called (metrics are off); a closed port on the loopback rather than AWS if it ever were.
        cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    @BeforeEach
    void requireDynalite() {
        assumeTrue(skipped == null, () -> skipped);
    }

    @AfterAll
    static void stop() {
        closeAll(cloudWatch, dynamoReader, dynamo, kinesis, gateway, dynalite);
    }

    @Test
    void shouldDeliverSdkAndKafkaRecordsInOrderAndResumeAfterTheCheckpointWhenPolling() throws Exception {
        // Given a stream of four shards with keyed records from PutRecords and from a Kafka producer
        String stream = "kcl-polling";
        createStream(stream, 4);
        Map<String, List<String>> sent = new LinkedHashMap<>();
        putRecords(stream, "sdk", 20, 10, sent);
        produceWithKafka(stream, "kafka", 5, 10, sent);

        // When a KCL application reads it with polling retrieval
        Recorder first = new Recorder();
        try (KclApplication app = KclApplication.start(stream, "polling-app", first, false)) {
            first.awaitCount(count(sent));
        }

        // Then every record was delivered once, in order per key, with increasing sequence numbers per shard
        first.assertNoErrors();
        assertThat(first.dataByKey()).isEqualTo(sent);
        first.assertSequenceNumbersIncreasePerShard();
        // And the lease table holds, per shard, the last delivered sequence number, as the processor checkpointed it
        Map<String, String> checkpoints = checkpoints("polling-app");
        assertThat(checkpoints).hasSize(4);
        assertThat(checkpoints).isEqualTo(first.lastSequenceNumberPerShard(checkpoints.keySet()));

        // When more records arrive and a second instance of the application starts after a clean shutdown
        Map<String, List<String>> more = new LinkedHashMap<>();
        putRecords(stream, "more", 20, 5, more);
        Recorder second = new Recorder();
        try (KclApplication app = KclApplication.start(stream, "polling-app", second, false)) {
            second.awaitCount(count(more));
            Thread.sleep(1000); // a record from before the checkpoint would show up among the first ones
        }

        // Then it started at the checkpoints: only the new records, each once, in order
        second.assertNoErrors();
        assertThat(second.dataByKey()).isEqualTo(more);
        assertThat(second.initialCheckpoints()).isEqualTo(checkpoints);
    }

    @Test
    void shouldDeliverEveryRecordThroughEnhancedFanOutWhenTheKclSubscribesOverHttp2() throws Exception {
        // Given a stream of two shards with records from PutRecords and from a Kafka producer
        String stream = "kcl-fanout";
        createStream(stream, 2);
        Map<String, List<String>> sent = new LinkedHashMap<>();
        putRecords(stream, "before", 10, 10, sent);
        produceWithKafka(stream, "kafka", 3, 5, sent);

        // When a KCL application reads it with its default retrieval (enhanced fan-out)
        Recorder recorder = new Recorder();
        try (KclApplication app = KclApplication.start(stream, "fanout-app", recorder, true)) {
            recorder.awaitCount(count(sent));
            // And more records come while it is subscribed
            Map<String, List<String>> live = new LinkedHashMap<>();
            putRecords(stream, "live", 10, 5, live);
            live.forEach((key, values) ->
                    sent.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
            recorder.awaitCount(count(sent));

            // Then the KCL registered a consumer named after the application, and subscribed with it
            String streamArn = streamArn(stream);
            assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn))
                            .get(30, TimeUnit.SECONDS)
                            .consumers())
                    .extracting(consumer -> consumer.consumerName())
                    .containsExactly("fanout-app");
        }

        // And every record was delivered once, in order per key, and checkpointed
        recorder.assertNoErrors();
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        recorder.assertSequenceNumbersIncreasePerShard();
        Map<String, String> checkpoints = checkpoints("fanout-app");
        assertThat(checkpoints).isEqualTo(recorder.lastSequenceNumberPerShard(checkpoints.keySet()));
    }

    @ParameterizedTest(name = "fan-out: {0}")
    @ValueSource(booleans = {false, true})
    void shouldFinishTheParentThenReadTheChildrenWhenTheShardIsSplitWhileTheKclConsumes(boolean fanOut)
            throws Exception {
        // Given a stream of one shard that a KCL application is reading (polling, or subscribed to it)
        String stream = "kcl-resharding-" + (fanOut ? "fanout" : "polling");
        String application = stream + "-app";
        createStream(stream, 1);
        Map<String, List<String>> sent = new LinkedHashMap<>();
        Recorder recorder = new Recorder();
        try (KclApplication app = KclApplication.start(stream, application, recorder, fanOut)) {
            putRecords(stream, "parent", 20, 5, sent);
            recorder.awaitCount(1);
            putRecords(stream, "parent-late", 20, 5, sent);

            // When the shard is split in the middle of its hash range while the KCL still consumes it
            kinesis.splitShard(b -> b.streamName(stream)
                            .shardToSplit("shardId-000000000000")
                            .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()))
                    .get(30, TimeUnit.SECONDS);
            awaitActive(stream);
            putRecords(stream, "child", 20, 5, sent);

            // Then the KCL ends the parent, checkpointing it at SHARD_END, and reads both children
            recorder.awaitCount(count(sent));
            await().atMost(DELIVERY_TIMEOUT).untilAsserted(() -> assertThat(checkpoints(application))
                    .containsEntry("shardId-000000000000", "SHARD_END"));
        }
        recorder.assertNoErrors();
        assertThat(recorder.endedShards()).containsExactly("shardId-000000000000");
        // And the children are checkpointed at their last records, the parent stays at SHARD_END
        Map<String, String> expected =
                recorder.lastSequenceNumberPerShard(Set.of("shardId-000000000001", "shardId-000000000002"));
        expected.put("shardId-000000000000", "SHARD_END");
        assertThat(checkpoints(application)).isEqualTo(expected);
        // Every record once, and for every key the parent's records before the children's
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        Map<String, Set<String>> shardsByKey = recorder.deliveries.stream()
                .filter(d -> !d.shardId().equals("shardId-000000000000"))
                .collect(Collectors.groupingBy(
                        Delivery::partitionKey, Collectors.mapping(Delivery::shardId, Collectors.toSet())));
        assertThat(shardsByKey.values())
                .allSatisfy(shards ->
                        assertThat(shards).hasSize(1).first().isIn("shardId-000000000001", "shardId-000000000002"));
        for (String key : sent.keySet()) {
            List<String> shardsInOrder =
                    recorder.forKey(key).stream().map(Delivery::shardId).toList();
            int firstChild =
                    shardsInOrder.indexOf(shardsByKey.get(key).iterator().next());
            assertThat(shardsInOrder.subList(0, firstChild)).containsOnly("shardId-000000000000");
            assertThat(shardsInOrder.subList(firstChild, shardsInOrder.size())).doesNotContain("shardId-000000000000");
        }
        recorder.assertSequenceNumbersIncreasePerShard();
    }

    // ---- the KCL application ----

    /** One KCL worker: a {@link Scheduler} on its own thread, shut down gracefully (checkpointing) on close. */
    private static final class KclApplication implements AutoCloseable {
        private final Scheduler scheduler;
        private final Thread thread;

        private KclApplication(Scheduler scheduler) {
            this.scheduler = scheduler;
            this.thread = new Thread(scheduler, "kcl-scheduler-" + UUID.randomUUID());
            this.thread.setDaemon(true);
        }

        static KclApplication start(String stream, String application, Recorder recorder, boolean fanOut) {
            createLeaseTable(application);
            ConfigsBuilder configs = new ConfigsBuilder(
                    new SingleStreamTracker(
                            stream,
                            InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                    application,
                    kinesis,
                    dynamo,
                    cloudWatch,
                    "worker-" + UUID.randomUUID(),
                    () -> new RecordingProcessor(recorder));
            LeaseManagementConfig leases = configs.leaseManagementConfig()
                    .failoverTimeMillis(3_000)
                    .leaseAssignmentIntervalMillis(500L)
                    .shardSyncIntervalMillis(1_000)
                    .listShardsBackoffTimeInMillis(200)
                    .dynamoDbLockBasedLeaderLeaseDurationInMillis(4_000)
                    .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000);
            leases.workerUtilizationAwareAssignmentConfig()
                    .inMemoryWorkerMetricsCaptureFrequencyMillis(100)
                    .workerMetricsReporterFreqInMillis(500);
            CoordinatorConfig coordinator = configs.coordinatorConfig()
                    .parentShardPollIntervalMillis(200)
                    .shardConsumerDispatchPollIntervalMillis(100)
                    .schedulerInitializationBackoffTimeMillis(200);
            MetricsConfig metrics =
                    configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory());
            RetrievalConfig retrieval = configs.retrievalConfig();
            if (!fanOut) {
                retrieval.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
            }
            KclApplication app = new KclApplication(new SingleWorkerScheduler(
                    configs.checkpointConfig(),
                    coordinator,
                    leases,
                    configs.lifecycleConfig(),
                    metrics,
                    configs.processorConfig(),
                    retrieval));
            app.thread.start();
            return app;
        }

        @Override
        public void close() throws Exception {
            try {
                assertThat(scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS))
                        .as("graceful shutdown completed")
                        .isTrue();
            } finally {
                scheduler.shutdown();
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    /** A record as a processor saw it. */
    record Delivery(String shardId, String partitionKey, String data, String sequenceNumber) {}

    /** What the processors of one application saw, in the order they saw it, and what went wrong. */
    private static final class Recorder {
        final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> ended = new ConcurrentLinkedQueue<>();
        final Map<String, String> initial = new ConcurrentHashMap<>();

        void awaitCount(int count) {
            await().atMost(DELIVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        assertThat(errors).isEmpty();
                        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(count);
                    });
        }

        void assertNoErrors() {
            assertThat(errors).isEmpty();
        }

        Map<String, List<String>> dataByKey() {
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (Delivery delivery : deliveries) {
                byKey.computeIfAbsent(delivery.partitionKey(), k -> new ArrayList<>())
                        .add(delivery.data());
            }
            return new TreeMap<>(byKey);
        }

        List<Delivery> forKey(String key) {
            return deliveries.stream().filter(d -> d.partitionKey().equals(key)).toList();
        }

        List<String> endedShards() {
            return List.copyOf(ended);
        }

        Map<String, String> initialCheckpoints() {
            return Map.copyOf(initial);
        }

        void assertSequenceNumbersIncreasePerShard() {
            Map<String, BigInteger> last = new HashMap<>();
            for (Delivery delivery : deliveries) {
                BigInteger number = new BigInteger(delivery.sequenceNumber());
                BigInteger previous = last.put(delivery.shardId(), number);
                if (previous != null) {
                    assertThat(number).as("sequence number after %s", previous).isGreaterThan(previous);
                }
            }
        }

        /** The last sequence number delivered per shard; TRIM_HORIZON for a shard nothing came from. */
        Map<String, String> lastSequenceNumberPerShard(Set<String> shards) {
            Map<String, String> last = new HashMap<>();
            shards.forEach(shard -> last.put(shard, "TRIM_HORIZON"));
            deliveries.forEach(delivery -> last.put(delivery.shardId(), delivery.sequenceNumber()));
            return last;
        }
    }

    /** Records every record, checkpoints after every batch, at shard end and when asked to shut down. */
    private static final class RecordingProcessor implements ShardRecordProcessor {
        private final Recorder recorder;
        private String shardId;
        private volatile boolean shutdownRequested;

        RecordingProcessor(Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            recorder.initial.put(shardId, input.extendedSequenceNumber().sequenceNumber());
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                recorder.deliveries.add(new Delivery(
                        shardId,
                        record.partitionKey(),
                        StandardCharsets.UTF_8.decode(record.data()).toString(),
                        record.sequenceNumber()));
            }
            if (!input.records().isEmpty()) {
                try {
                    input.checkpointer().checkpoint();
                } catch (Exception e) {
                    recorder.errors.add(shardId + ": checkpoint after a batch: " + e);
                }
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            // After shutdownRequested the KCL ends every processor with leaseLost (its graceful shutdown); before, it
            // means the only worker lost a lease it renews every second.
            if (!shutdownRequested) {
                recorder.errors.add(shardId + ": lease lost while the only worker was running");
            }
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            recorder.ended.add(shardId);
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                recorder.errors.add(shardId + ": checkpoint at shard end: " + e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            shutdownRequested = true;
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                recorder.errors.add(shardId + ": checkpoint at shutdown: " + e);
            }
        }
    }

    // ---- the stream, the records, the lease table ----

    private static void createStream(String stream, int shards) throws Exception {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards)).get(30, TimeUnit.SECONDS);
        awaitActive(stream);
    }

    private static void awaitActive(String stream) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                                .get(30, TimeUnit.SECONDS)
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    private static String streamArn(String stream) throws Exception {
        return kinesis.describeStreamSummary(b -> b.streamName(stream))
                .get(30, TimeUnit.SECONDS)
                .streamDescriptionSummary()
                .streamARN();
    }

    /** PutRecords of {@code perKey} rounds over {@code keys} keys, one call per round, recording what was sent. */
    private static void putRecords(String stream, String prefix, int keys, int perKey, Map<String, List<String>> sent)
            throws Exception {
        for (int round = 0; round < perKey; round++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = "key-" + k;
                String data = prefix + "-" + key + "-" + round;
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(key)
                        .data(SdkBytes.fromUtf8String(data))
                        .build());
                sent.computeIfAbsent(key, x -> new ArrayList<>()).add(data);
            }
            PutRecordsResponse response = kinesis.putRecords(
                            b -> b.streamName(stream).records(entries))
                    .get(30, TimeUnit.SECONDS);
            assertThat(response.failedRecordCount()).isZero();
        }
        sortByKey(sent);
    }

    /** Keyed records from a Kafka producer (default partitioner), acknowledged by all replicas. */
    private static void produceWithKafka(
            String topic, String prefix, int keys, int perKey, Map<String, List<String>> sent) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + gateway.kafkaPort());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int round = 0; round < perKey; round++) {
                for (int k = 0; k < keys; k++) {
                    String key = prefix + "-key-" + k;
                    String data = prefix + "-" + k + "-" + round;
                    producer.send(new ProducerRecord<>(topic, bytes(key), bytes(data)));
                    sent.computeIfAbsent(key, x -> new ArrayList<>()).add(data);
                }
            }
            producer.flush();
        }
        sortByKey(sent);
    }

    private static void sortByKey(Map<String, List<String>> sent) {
        Map<String, List<String>> sorted = new TreeMap<>(sent);
        sent.clear();
        sent.putAll(sorted);
    }

    private static int count(Map<String, List<String>> sent) {
        return sent.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Creates the KCL 3.x lease table as the KCL would, with its lease-owner index, when it does not exist yet. The KCL
     * creates the table and then adds the index with UpdateTable; dynalite accepts that UpdateTable but never builds
     * the index (and leaves it out of the response), so the KCL would fail on it. On AWS the KCL finds a table made
     * ahead of time (by infrastructure code) just as well: it only checks that the index is there.
     */
    private static void createLeaseTable(String application) {
        if (dynamoReader.listTables().tableNames().contains(application)) {
            return;
        }
        dynamoReader.createTable(b -> b.tableName(application)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("leaseKey")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("leaseOwner")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("leaseKey")
                        .keyType(KeyType.HASH)
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("leaseOwner")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("leaseKey")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build()));
        // (not the SDK's waiter: it polls every 20 seconds)
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> dynamoReader
                                .describeTable(b -> b.tableName(application))
                                .table()
                                .tableStatus()
                        == TableStatus.ACTIVE);
    }

    /** The KCL's lease table (named after the application): lease key (the shard id) to checkpoint. */
    private static Map<String, String> checkpoints(String application) {
        Map<String, String> checkpoints = new TreeMap<>();
        for (Map<String, AttributeValue> item : dynamoReader
                .scan(b -> b.tableName(application).consistentRead(true))
                .items()) {
            if (!item.containsKey("checkpoint")) {
                System.out.println("KclIT: a lease-table item without a checkpoint: " + item);
                continue;
            }
            checkpoints.put(item.get("leaseKey").s(), item.get("checkpoint").s());
        }
        return checkpoints;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("KclIT: closing " + resource + ": " + e);
                }
            }
        }
    }
}
