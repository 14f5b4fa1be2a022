package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

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
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
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

/**
 * A KCL 3.x application for the integration tests ({@link KclIT}, {@link KplIT}): one worker (a
 * {@link SingleWorkerScheduler}) whose record processors record what they see and checkpoint after every batch, at
 * shard end and when asked to shut down; its lease table in dynalite, created beforehand with the KCL's index; metrics
 * off. Lease, assignment, leader and poll intervals are shortened so that a test takes seconds.
 */
final class Kcl {

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private Kcl() {}

    /**
     * PutRecords of {@code perKey} rounds over {@code keys} keys ("key-0" …), one call per round, each acknowledged in
     * full, recording what was sent per key in order.
     */
    static void putRecords(
            KinesisAsyncClient kinesis,
            String stream,
            String prefix,
            int keys,
            int perKey,
            Map<String, List<String>> sent)
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
            assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries))
                            .get(30, TimeUnit.SECONDS)
                            .failedRecordCount())
                    .isZero();
        }
    }

    /** The clients the KCL gets: Kinesis (the gateway), DynamoDB (dynalite, async for the KCL, sync for the test). */
    record Clients(
            KinesisAsyncClient kinesis,
            DynamoDbAsyncClient dynamo,
            DynamoDbClient dynamoReader,
            CloudWatchAsyncClient cloudWatch) {}

    /**
     * What a KCL application needs besides its Kinesis client: dynalite for its lease table (with a sync client to read
     * the checkpoints back) and a CloudWatch client that is never called (metrics are off; it points at a closed port
     * on the loopback rather than AWS if it ever were).
     */
    static final class Backing implements AutoCloseable {
        private final Dynalite dynalite;
        private final DynamoDbAsyncClient dynamo;
        private final DynamoDbClient dynamoReader;
        private final CloudWatchAsyncClient cloudWatch;

        private Backing(Dynalite dynalite) {
            this.dynalite = dynalite;
            this.dynamo = dynalite.asyncClient();
            this.dynamoReader = dynalite.client();
            this.cloudWatch = CloudWatchAsyncClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:9"))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .build();
        }

        /** Starts dynalite; see {@link Dynalite#missing()} for when it cannot. */
        static Backing start() throws Exception {
            return new Backing(Dynalite.start());
        }

        Clients clients(KinesisAsyncClient kinesis) {
            return new Clients(kinesis, dynamo, dynamoReader, cloudWatch);
        }

        DynamoDbClient dynamoReader() {
            return dynamoReader;
        }

        @Override
        public void close() {
            ItResources.closeAll("Kcl.Backing", cloudWatch, dynamoReader, dynamo, dynalite);
        }
    }

    /** One KCL worker: a {@link Scheduler} on its own thread, shut down gracefully (checkpointing) on close. */
    static final class Application implements AutoCloseable {
        private final Scheduler scheduler;
        private final Thread thread;

        private Application(Scheduler scheduler) {
            this.scheduler = scheduler;
            this.thread = new Thread(scheduler, "kcl-scheduler-" + UUID.randomUUID());
            this.thread.setDaemon(true);
        }

        /** An application that starts new leases at the trim horizon. */
        static Application start(
                Clients clients, String stream, String application, Recorder recorder, boolean fanOut) {
            return start(
                    clients,
                    stream,
                    application,
                    recorder,
                    fanOut,
                    InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        }

        static Application start(
                Clients clients,
                String stream,
                String application,
                Recorder recorder,
                boolean fanOut,
                InitialPositionInStreamExtended initialPosition) {
            createLeaseTable(clients.dynamoReader(), application);
            ConfigsBuilder configs = new ConfigsBuilder(
                    new SingleStreamTracker(stream, initialPosition),
                    application,
                    clients.kinesis(),
                    clients.dynamo(),
                    clients.cloudWatch(),
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
                retrieval.retrievalSpecificConfig(
                        new PollingConfig(stream, clients.kinesis()).idleTimeBetweenReadsInMillis(200));
            }
            Application app = new Application(new SingleWorkerScheduler(
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
    record Delivery(
            String shardId,
            String partitionKey,
            String data,
            String sequenceNumber,
            long subSequenceNumber,
            boolean aggregated) {}

    /** What the processors of one application saw, in the order they saw it, and what went wrong. */
    static final class Recorder {
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
    static final class RecordingProcessor implements ShardRecordProcessor {
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
                        record.sequenceNumber(),
                        record.subSequenceNumber(),
                        record.aggregated()));
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

    /**
     * Creates the KCL 3.x lease table as the KCL would, with its lease-owner index, when it does not exist yet. The KCL
     * creates the table and then adds the index with UpdateTable; dynalite accepts that UpdateTable but never builds
     * the index (and leaves it out of the response), so the KCL would fail on it. On AWS the KCL finds a table made
     * ahead of time (by infrastructure code) just as well: it only checks that the index is there.
     */
    static void createLeaseTable(DynamoDbClient dynamoReader, String application) {
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
    static Map<String, String> checkpoints(DynamoDbClient dynamoReader, String application) {
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
}
