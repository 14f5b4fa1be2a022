package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.SingleWorkerScheduler;
import software.amazon.kinesis.metrics.NullMetricsFactory;

import io.shardgate.gateway.Gateway;

/**
 * The Kinesis Client Library 3.x (a real {@link Scheduler} with real record processors) against an in-process gateway:
 * polling retrieval of records written by PutRecords and by a Kafka producer, checkpoints and a second application
 * instance resuming after them; enhanced fan-out (the KCL's default: RegisterStreamConsumer, then SubscribeToShard over
 * HTTP/2 by prior knowledge with the SDK's Netty client as {@link KinesisClientUtil} builds it, resubscribing at its
 * continuation as each 3-second subscription ends); and, with both retrievals, a SplitShard and a merge (UpdateShardCount
 * from 2 to 1) while the KCL consumes, which it must follow from the parents (ShardEnded, checkpoint at SHARD_END) to
 * the children, a merged child only once both parents are done; leases begun AT_TIMESTAMP; a topic created and written
 * through Kafka only. The KCL reading KPL-aggregated records is in
 * {@link KplIT}; the application itself in {@link Kcl}.
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

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @TempDir
    static Path dataDir;

    private static Kcl.Backing backing;
    private static Gateway gateway;
    private static KinesisAsyncClient kinesis;

    private static String skipped;

    @BeforeAll
    static void start() throws Exception {
        skipped = Dynalite.missing().orElse(null);
        if (skipped != null) {
            return; // every test is skipped by requireDynalite, with the reason in the report
        }
        backing = Kcl.Backing.start();
        // A subscription lasts 3 s instead of AWS's 5 minutes, so that the KCL resubscribes at its continuation
        // several times during the fan-out tests. The 5-second hold after each call stays AWS's: the KCL's first
        // resubscription is refused with ResourceInUseException and it retries until the hold has passed, which is
        // how a KCL copes with a client reset on AWS.
        gateway = Gateway.start(ItGateways.config(
                dataDir, Map.of("kinesis.statusDelayMs", "0", "kinesis.subscriptionLifetimeMs", "3000")));
        kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS));
    }

    @BeforeEach
    void requireDynalite() {
        assumeTrue(skipped == null, () -> skipped);
    }

    @AfterAll
    static void stop() {
        ItResources.closeAll("KclIT", kinesis, gateway, backing);
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
        Kcl.Recorder first = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), stream, "polling-app", first, false)) {
            first.awaitCount(count(sent));
        }

        // Then every record was delivered once, in order per key, with increasing sequence numbers per shard
        // And the lease table holds, per shard, the last delivered sequence number, as the processor checkpointed it
        Map<String, String> checkpoints = assertDeliveredOnceInOrderAndCheckpointed(first, sent, "polling-app", 4);

        // When more records arrive and a second instance of the application starts after a clean shutdown
        Map<String, List<String>> more = new LinkedHashMap<>();
        putRecords(stream, "more", 20, 5, more);
        Kcl.Recorder second = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), stream, "polling-app", second, false)) {
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
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), stream, "fanout-app", recorder, true)) {
            recorder.awaitCount(count(sent));
            // And more records come while it is subscribed, over several subscription lifetimes
            Map<String, List<String>> live = new LinkedHashMap<>();
            for (int burst = 0; burst < 4; burst++) {
                putRecords(stream, "live" + burst, 10, 5, live);
                Thread.sleep(1_500);
            }
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
        assertDeliveredOnceInOrderAndCheckpointed(recorder, sent, "fanout-app", 2);
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
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), stream, application, recorder, fanOut)) {
            putRecords(stream, "parent", 20, 5, sent);
            recorder.awaitCount(1);
            putRecords(stream, "parent-late", 20, 5, sent);

            // When the shard is split in the middle of its hash range while the KCL still consumes it
            kinesis.splitShard(b -> b.streamName(stream)
                            .shardToSplit("shardId-000000000000")
                            .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()))
                    .get(30, TimeUnit.SECONDS);
            ItStreams.awaitActive(kinesis, stream);
            putRecords(stream, "child", 20, 5, sent);

            // Then the KCL ends the parent, checkpointing it at SHARD_END, and reads both children
            recorder.awaitCount(count(sent));
            await().atMost(Kcl.DELIVERY_TIMEOUT)
                    .untilAsserted(() -> assertThat(Kcl.checkpoints(backing.dynamoReader(), application))
                            .containsEntry("shardId-000000000000", "SHARD_END"));
        }
        recorder.assertNoErrors();
        assertThat(recorder.endedShards()).containsExactly("shardId-000000000000");
        // And the children are checkpointed at their last records, the parent stays at SHARD_END
        Map<String, String> expected =
                recorder.lastSequenceNumberPerShard(Set.of("shardId-000000000001", "shardId-000000000002"));
        expected.put("shardId-000000000000", "SHARD_END");
        assertThat(Kcl.checkpoints(backing.dynamoReader(), application)).isEqualTo(expected);
        // Every record once, and for every key the parent's records before the children's
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        Map<String, Set<String>> shardsByKey = recorder.deliveries.stream()
                .filter(d -> !d.shardId().equals("shardId-000000000000"))
                .collect(Collectors.groupingBy(
                        Kcl.Delivery::partitionKey, Collectors.mapping(Kcl.Delivery::shardId, Collectors.toSet())));
        assertThat(shardsByKey.values())
                .allSatisfy(shards ->
                        assertThat(shards).hasSize(1).first().isIn("shardId-000000000001", "shardId-000000000002"));
        for (String key : sent.keySet()) {
            List<String> shardsInOrder =
                    recorder.forKey(key).stream().map(Kcl.Delivery::shardId).toList();
            int firstChild =
                    shardsInOrder.indexOf(shardsByKey.get(key).iterator().next());
            assertThat(shardsInOrder.subList(0, firstChild)).containsOnly("shardId-000000000000");
            assertThat(shardsInOrder.subList(firstChild, shardsInOrder.size())).doesNotContain("shardId-000000000000");
        }
        recorder.assertSequenceNumbersIncreasePerShard();
    }

    @ParameterizedTest(name = "fan-out: {0}")
    @ValueSource(booleans = {false, true})
    void shouldReadTheMergedChildOnlyAfterBothParentsWhenTheShardCountHalvesWhileTheKclConsumes(boolean fanOut)
            throws Exception {
        // Given a stream of two shards that a KCL application is reading
        String stream = "kcl-merging-" + (fanOut ? "fanout" : "polling");
        String application = stream + "-app";
        createStream(stream, 2);
        Map<String, List<String>> sent = new LinkedHashMap<>();
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), stream, application, recorder, fanOut)) {
            putRecords(stream, "parent", 20, 5, sent);
            recorder.awaitCount(1);

            // When UpdateShardCount halves it (the two shards merge into one) while the KCL consumes them
            kinesis.updateShardCount(
                            b -> b.streamName(stream).targetShardCount(1).scalingType("UNIFORM_SCALING"))
                    .get(30, TimeUnit.SECONDS);
            ItStreams.awaitActive(kinesis, stream);
            putRecords(stream, "child", 20, 5, sent);

            // Then the KCL ends both parents at SHARD_END and reads the child
            recorder.awaitCount(count(sent));
            await().atMost(Kcl.DELIVERY_TIMEOUT)
                    .untilAsserted(() -> assertThat(Kcl.checkpoints(backing.dynamoReader(), application))
                            .containsEntry("shardId-000000000000", "SHARD_END")
                            .containsEntry("shardId-000000000001", "SHARD_END"));
        }
        recorder.assertNoErrors();
        assertThat(recorder.endedShards()).containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        recorder.assertSequenceNumbersIncreasePerShard();
        // And it began the child only after it had finished both parents (the KCL blocks on every parent)
        List<String> shardsInOrder =
                recorder.deliveries.stream().map(Kcl.Delivery::shardId).toList();
        int firstChild = shardsInOrder.indexOf("shardId-000000000002");
        assertThat(firstChild).isPositive();
        assertThat(shardsInOrder.subList(0, firstChild)).containsOnly("shardId-000000000000", "shardId-000000000001");
        assertThat(shardsInOrder.subList(firstChild, shardsInOrder.size())).containsOnly("shardId-000000000002");
        Map<String, String> expected = recorder.lastSequenceNumberPerShard(Set.of("shardId-000000000002"));
        expected.put("shardId-000000000000", "SHARD_END");
        expected.put("shardId-000000000001", "SHARD_END");
        assertThat(Kcl.checkpoints(backing.dynamoReader(), application)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "fan-out: {0}")
    @ValueSource(booleans = {false, true})
    void shouldStartAtTheTimestampWhenTheApplicationBeginsAtTimestamp(boolean fanOut) throws Exception {
        // Given records written before and after a moment
        String stream = "kcl-timestamp-" + (fanOut ? "fanout" : "polling");
        createStream(stream, 2);
        Map<String, List<String>> before = new LinkedHashMap<>();
        putRecords(stream, "before", 10, 3, before);
        Thread.sleep(200);
        Date moment = new Date();
        Thread.sleep(200);
        Map<String, List<String>> after = new LinkedHashMap<>();
        putRecords(stream, "after", 10, 3, after);

        // When a KCL application starts its leases AT_TIMESTAMP that moment (GetShardIterator or SubscribeToShard)
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(
                clients(),
                stream,
                stream + "-app",
                recorder,
                fanOut,
                InitialPositionInStreamExtended.newInitialPositionAtTimestamp(moment))) {
            recorder.awaitCount(count(after));
            Thread.sleep(1_000); // a record from before the moment would show up among the first ones
        }

        // Then it got exactly the records written after it, in order per key
        recorder.assertNoErrors();
        assertThat(recorder.dataByKey()).isEqualTo(after);
    }

    @Test
    void shouldReadATopicCreatedThroughKafkaWhenOnlyKafkaProducersWroteIt() throws Exception {
        // Given a topic of three partitions created by the Kafka Admin client, written by a Kafka producer
        String topic = "kcl-kafka-topic";
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + gateway.kafkaPort());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, List<String>> sent = new LinkedHashMap<>();
        produceWithKafka(topic, "kafka", 12, 10, sent);

        // When a KCL application reads it as a stream
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(clients(), topic, "kafka-topic-app", recorder, false)) {
            recorder.awaitCount(count(sent));
        }

        // Then every record arrives once, in order per key, from the three shards, checkpointed
        assertDeliveredOnceInOrderAndCheckpointed(recorder, sent, "kafka-topic-app", 3);
    }

    /**
     * Asserts that {@code recorder} got every record of {@code sent} once and in order per key, with sequence numbers
     * increasing per shard, and that the lease table of {@code application} holds, for each of its {@code shards}
     * shards, the last delivered sequence number as the processor checkpointed it.
     *
     * @return the checkpoints, by shard id
     */
    private Map<String, String> assertDeliveredOnceInOrderAndCheckpointed(
            Kcl.Recorder recorder, Map<String, List<String>> sent, String application, int shards) {
        recorder.assertNoErrors();
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        recorder.assertSequenceNumbersIncreasePerShard();
        Map<String, String> checkpoints = Kcl.checkpoints(backing.dynamoReader(), application);
        assertThat(checkpoints).hasSize(shards);
        assertThat(checkpoints).isEqualTo(recorder.lastSequenceNumberPerShard(checkpoints.keySet()));
        return checkpoints;
    }

    // ---- the stream, the records, the lease table ----

    private static void createStream(String stream, int shards) throws Exception {
        ItStreams.createActive(kinesis, stream, shards);
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
        Kcl.putRecords(kinesis, stream, prefix, keys, perKey, sent);
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

    private static Kcl.Clients clients() {
        return backing.clients(kinesis);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
