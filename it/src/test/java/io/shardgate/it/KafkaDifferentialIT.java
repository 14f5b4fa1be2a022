package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;
import io.shardgate.it.reference.KafkaReferenceBroker;

/**
 * The differential test: one scripted Kafka scenario run with real kafka-clients against the gateway and
 * against an in-process Apache Kafka broker ({@link KafkaReferenceBroker}), asserting the same observable
 * results.
 *
 * <p>Every step is a {@link Step}: a function from a server to a plain comparable value (records, lists,
 * maps; a failure becomes a {@link Failure} value). The same step runs against both servers and the two
 * values must be equal. There are no gateway-specific branches. Where the gateway differs on purpose, the
 * difference is documented where it is asserted, on both sides, not skipped: {@link #KAFKA_MIN_INSYNC_REPLICAS}.
 * Where it differs by mistake, the strict test is {@code @Disabled} with the exact difference, until the gateway is
 * fixed.
 *
 * <p>Both servers are started once for the class; each test uses its own topics. The shared fixture
 * (topics {@code diff-one} and {@code diff-three}, produced to with every codec) is written in
 * {@link #startServersAndProduce()} and its results are compared by the tests that read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaDifferentialIT {

    private static final long TIMEOUT_S = 30;

    private static final String ONE = "diff-one";
    private static final String THREE = "diff-three";
    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final int KEYED_PER_CODEC = 12;
    private static final int UNKEYED_PER_CODEC = 4;

    /**
     * CreateTime timestamps shared by both servers: from ten minutes ago (Kafka refuses timestamps more
     * than an hour ahead), one second apart, with one record per codec stamped five minutes later than any
     * other so that the max-timestamp offset is not simply the last one.
     */
    private static final long BASE_TIME = (System.currentTimeMillis() / 1000 - 600) * 1000;

    /**
     * Deliberate difference 1, DescribeConfigs of a topic, {@code min.insync.replicas}: Kafka 4.x's storage
     * formatter writes a cluster-wide dynamic default {@code min.insync.replicas=1} (for eligible leader
     * replicas, KIP-966), so Apache Kafka shows it with source {@code DYNAMIC_DEFAULT_BROKER_CONFIG} and
     * {@code isDefault=false}. The gateway has no KRaft metadata and no dynamic cluster configs: it shows the
     * same value as Kafka's static default. Same value, different provenance; asserted on both sides.
     */
    private static final ConfigValue KAFKA_MIN_INSYNC_REPLICAS =
            new ConfigValue("1", false, "DYNAMIC_DEFAULT_BROKER_CONFIG", false, false);

    private static final ConfigValue GATEWAY_MIN_INSYNC_REPLICAS =
            new ConfigValue("1", true, "DEFAULT_CONFIG", false, false);

    /** The configs set on the DescribeConfigs topic; two of them set to their default value on purpose. */
    private static final Map<String, String> DESCRIBED_CONFIGS = Map.of(
            "retention.ms", "7200000",
            "max.message.bytes", "500000",
            "cleanup.policy", "delete",
            "min.compaction.lag.ms", "1000",
            "message.timestamp.type", "CreateTime");

    @TempDir
    static Path gatewayDir;

    @TempDir
    static Path referenceDir;

    private Gateway gateway;
    private KafkaReferenceBroker reference;
    private Server gatewayServer;
    private Server referenceServer;

    /** What each server answered to the fixture's creates and produces, compared by the tests. */
    private final Map<Server, Object> createdFixture = new LinkedHashMap<>();

    private final Map<Server, Object> producedFixture = new LinkedHashMap<>();

    private final Map<Server, Object> describedFixture = new LinkedHashMap<>();

    /** A server under test: which one (for messages) and where its Kafka listener is. */
    record Server(String name, String bootstrapServers) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One step of the scenario, run the same way against each server. */
    @FunctionalInterface
    interface Step<T> {
        T run(Server server) throws Exception;
    }

    /** A failed call, as a comparable value: the client exception's class and the Kafka error it maps to. */
    record Failure(String exception, String error) {
        static Failure of(Throwable thrown) {
            Throwable cause = thrown;
            while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            Errors error = Errors.forException(cause);
            boolean fromTheWire = error != Errors.UNKNOWN_SERVER_ERROR || cause instanceof UnknownServerException;
            return new Failure(cause.getClass().getSimpleName(), fromTheWire ? error.name() : "none (client-side)");
        }
    }

    /** A record as a consumer sees it. */
    record Fetched(
            String topic,
            int partition,
            long offset,
            long timestamp,
            String timestampType,
            String key,
            String value,
            List<String> headers,
            Integer leaderEpoch) {
        static Fetched of(ConsumerRecord<byte[], byte[]> record) {
            List<String> headers = new ArrayList<>();
            for (Header header : record.headers()) {
                headers.add(header.key() + "=" + text(header.value()));
            }
            return new Fetched(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    record.timestamp(),
                    record.timestampType().name(),
                    text(record.key()),
                    text(record.value()),
                    headers,
                    record.leaderEpoch().orElse(null));
        }
    }

    /** What a producer was told about one record. */
    record Acked(String topic, int partition, long offset, long timestamp) {
        static Acked of(RecordMetadata metadata) {
            return new Acked(metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp());
        }
    }

    /** One topic config as DescribeConfigs shows it (documentation and synonyms not asked for). */
    record ConfigValue(String value, boolean isDefault, String source, boolean readOnly, boolean sensitive) {
        static ConfigValue of(ConfigEntry entry) {
            return new ConfigValue(
                    entry.value(), entry.isDefault(), entry.source().name(), entry.isReadOnly(), entry.isSensitive());
        }
    }

    /** ListOffsets' answer for one partition (its leader epoch is compared on its own). */
    record Listed(long offset, long timestamp) {
        static Listed of(ListOffsetsResultInfo info) {
            return new Listed(info.offset(), info.timestamp());
        }
    }

    @BeforeAll
    void startServersAndProduce() throws Exception {
        gateway = Gateway.start(ItGateways.config(gatewayDir));
        gatewayServer = new Server("gateway", "127.0.0.1:" + gateway.kafkaPort());
        reference = KafkaReferenceBroker.start(referenceDir, Map.of("auto.create.topics.enable", "false"));
        referenceServer = new Server("Apache Kafka", reference.bootstrapServers());

        for (Server server : List.of(referenceServer, gatewayServer)) {
            createdFixture.put(server, outcome(() -> createFixtureTopics(server)));
            producedFixture.put(server, outcome(() -> produceWithEveryCodec(server)));
            describedFixture.put(server, outcome(() -> createAndDescribeConfigsTopic(server)));
        }
    }

    @AfterAll
    void stopServers() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Create topics

    @Test
    void createTopicsAnswersTheSamePartitionsAndReplicationFactor() {
        assertThat(created(gatewayServer, "partitions", "replicationFactor", "topicIdPresent"))
                .as("CreateTopics of %s (1 partition) and %s (3 partitions) (gateway; expected: Kafka's)", ONE, THREE)
                .isEqualTo(created(referenceServer, "partitions", "replicationFactor", "topicIdPresent"));
        assertThat(created(referenceServer, "partitions").toString())
                .isEqualTo("{diff-one={partitions=1}, diff-three={partitions=3}}");
    }

    @Test
    void createTopicsAnswersTheSameConfigs() {
        assertThat(created(gatewayServer, "configs"))
                .as("configs in the CreateTopics answer (gateway; expected: Kafka's)")
                .isEqualTo(created(referenceServer, "configs"));
        assertThat(created(referenceServer, "configs").toString())
                .contains("retention.ms=ConfigValue[value=86400000, isDefault=false, source=DYNAMIC_TOPIC_CONFIG");
    }

    @Test
    void createOfAnExistingTopicFailsTheSameWay() throws Exception {
        Object answer = same(server -> {
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(new NewTopic("diff-exists", 2, (short) 1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                return List.of(
                        outcome(() -> admin.createTopics(List.of(new NewTopic("diff-exists", 2, (short) 1)))
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS)),
                        outcome(() -> admin.createTopics(List.of(new NewTopic("diff-exists", 5, (short) 1)))
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
        });
        assertThat(answer)
                .isEqualTo(List.of(
                        new Failure("TopicExistsException", "TOPIC_ALREADY_EXISTS"),
                        new Failure("TopicExistsException", "TOPIC_ALREADY_EXISTS")));
    }

    // ---------------------------------------------------------------------------------------------
    // Produce and fetch

    @Test
    void idempotentProducersGetTheSamePartitionsOffsetsAndTimestampsUnderEveryCodec() {
        assertThat(producedFixture.get(gatewayServer))
                .as("acks of keyed records to %s and unkeyed records to %s, codecs %s", THREE, ONE, CODECS)
                .isEqualTo(producedFixture.get(referenceServer));
        assertThat(producedFixture.get(referenceServer))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(CODECS.size() * (KEYED_PER_CODEC + UNKEYED_PER_CODEC));
    }

    @Test
    void assignedConsumersFetchTheSameRecordsFromSeveralOffsets() throws Exception {
        int perPartitionOfOne = CODECS.size() * UNKEYED_PER_CODEC;
        Map<String, List<Fetched>> reads = same(server -> {
            Map<String, List<Fetched>> byRead = new LinkedHashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(server)) {
                for (long from : List.of(0L, 1L, 7L, (long) perPartitionOfOne - 1, (long) perPartitionOfOne)) {
                    byRead.put(ONE + "-0@" + from, fetchFrom(consumer, new TopicPartition(ONE, 0), from));
                }
                for (int partition = 0; partition < 3; partition++) {
                    for (long from : List.of(0L, 3L, 10L)) {
                        byRead.put(
                                THREE + "-" + partition + "@" + from,
                                fetchFrom(consumer, new TopicPartition(THREE, partition), from));
                    }
                }
            }
            return byRead;
        });
        assertThat(reads.get(ONE + "-0@0")).hasSize(perPartitionOfOne);
        assertThat(reads.get(ONE + "-0@" + perPartitionOfOne)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // ListOffsets

    @Test
    void listOffsetsEarliestAndLatestAgree() throws Exception {
        Object listed = same(server -> Map.of(
                "earliest", listOffsets(server, OffsetSpec.earliest()),
                "latest", listOffsets(server, OffsetSpec.latest())));
        assertThat(listed.toString()).contains(ONE + "-0=Listed[offset=" + CODECS.size() * UNKEYED_PER_CODEC);
    }

    /** ListOffsets answers the leader epoch, 0 on a single-node cluster, for every kind of lookup. */
    @Test
    void listOffsetsLeaderEpochsAgree() throws Exception {
        Object epochs = same(server -> Map.of(
                "earliest", listedLeaderEpochs(server, OffsetSpec.earliest()),
                "latest", listedLeaderEpochs(server, OffsetSpec.latest()),
                "byTimestamp", listedLeaderEpochs(server, OffsetSpec.forTimestamp(BASE_TIME))));
        Map<String, Integer> zero = new TreeMap<>(Map.of(ONE + "-0", 0, THREE + "-0", 0));
        assertThat(epochs).isEqualTo(Map.of("earliest", zero, "latest", zero, "byTimestamp", zero));
    }

    @Test
    void listOffsetsByTimestampAgree() throws Exception {
        Object listed = same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (long delta : List.of(-1_000_000L, 0L, 3_000L, 7_500L, 60_000L, 3_000_000L)) {
                answers.put("t+" + delta, listOffsets(server, OffsetSpec.forTimestamp(BASE_TIME + delta)));
            }
            return answers;
        });
        assertThat(listed.toString()).contains(ONE + "-0=Listed[offset=0, timestamp=" + BASE_TIME + "]");
    }

    @Test
    void listOffsetsMaxTimestampAgree() throws Exception {
        Object listed = same(server -> outcome(() -> listOffsets(server, OffsetSpec.maxTimestamp())));
        assertThat(listed.toString()).contains(ONE + "-0=Listed[offset=" + maxTimestampOffsetOfOne());
    }

    // ---------------------------------------------------------------------------------------------
    // DescribeConfigs

    @Test
    void describeConfigsOfATopicListsTheSameConfigNames() {
        assertThat(describedConfigs(gatewayServer).keySet())
                .as("names of the topic configs DescribeConfigs returns (gateway; expected: Apache Kafka's)")
                .containsExactlyElementsOf(describedConfigs(referenceServer).keySet());
    }

    @Test
    void describeConfigsOfATopicShowsTheSameValuesDefaultsSourcesAndFlags() {
        Map<String, ConfigValue> expected = new TreeMap<>(describedConfigs(referenceServer));
        Map<String, ConfigValue> actual = new TreeMap<>(describedConfigs(gatewayServer));
        // The one deliberate difference, asserted rather than skipped (see KAFKA_MIN_INSYNC_REPLICAS).
        assertThat(expected.remove("min.insync.replicas")).isEqualTo(KAFKA_MIN_INSYNC_REPLICAS);
        assertThat(actual.remove("min.insync.replicas")).isEqualTo(GATEWAY_MIN_INSYNC_REPLICAS);
        // Names only one side lists are the other test's business; here every common name is compared.
        expected.keySet().retainAll(actual.keySet());
        actual.keySet().retainAll(expected.keySet());
        assertThat(actual)
                .as("value, isDefault, source, readOnly, sensitive of each topic config (gateway; expected: Kafka's)")
                .isEqualTo(expected);
        assertThat(expected)
                .containsEntry("retention.ms", new ConfigValue("7200000", false, "DYNAMIC_TOPIC_CONFIG", false, false))
                .containsKey("segment.bytes");
    }

    // ---------------------------------------------------------------------------------------------
    // Oversized records

    @Test
    void aRecordAboveTheClientsMaxRequestSizeFailsInTheClient() throws Exception {
        Object answer = same(server -> {
            try (KafkaProducer<byte[], byte[]> producer = producer(server, "none", Map.of())) {
                byte[] twoMegabytes = new byte[2 * 1024 * 1024];
                return outcome(() -> producer.send(new ProducerRecord<>(ONE, 0, null, twoMegabytes))
                        .get(TIMEOUT_S, TimeUnit.SECONDS));
            }
        });
        assertThat(answer).isEqualTo(new Failure("RecordTooLargeException", "MESSAGE_TOO_LARGE"));
    }

    @Test
    void aRecordAboveTheTopicsMaxMessageBytesIsRefusedByTheServerAndTheProducerGoesOn() throws Exception {
        Object answer = same(server -> {
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(
                                new NewTopic("diff-small", 1, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> producer =
                    producer(server, "none", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304"))) {
                Object tooLarge = outcome(
                        () -> producer.send(new ProducerRecord<>("diff-small", 0, BASE_TIME, null, new byte[5_000]))
                                .get(TIMEOUT_S, TimeUnit.SECONDS));
                Object fits = outcome(() ->
                        Acked.of(producer.send(new ProducerRecord<>("diff-small", 0, BASE_TIME, null, bytes("fits")))
                                .get(TIMEOUT_S, TimeUnit.SECONDS)));
                return List.of(tooLarge, fits);
            }
        });
        assertThat(answer)
                .isEqualTo(List.of(
                        new Failure("RecordTooLargeException", "MESSAGE_TOO_LARGE"),
                        new Acked("diff-small", 0, 0, BASE_TIME)));
    }

    // ---------------------------------------------------------------------------------------------
    // Per-record validation

    @Test
    void recordsWithOutOfRangeTimestampsOrWithoutKeysOnCompactedTopicsAreRefusedAsKafkaRefusesThem() throws Exception {
        Object answer = same(server -> {
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(
                                new NewTopic("diff-compacted", 1, (short) 1)
                                        .configs(Map.of("cleanup.policy", "compact")),
                                new NewTopic("diff-recent", 1, (short) 1)
                                        .configs(Map.of("message.timestamp.before.max.ms", "86400000"))))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
            }
            long now = System.currentTimeMillis();
            Map<String, Object> answers = new LinkedHashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = producer(server, "none", Map.of())) {
                answers.put("two hours ahead", outcome(() -> producer.send(
                                new ProducerRecord<>("diff-recent", 0, now + 7_200_000L, null, bytes("future")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("two days old", outcome(() -> producer.send(
                                new ProducerRecord<>("diff-recent", 0, now - 172_800_000L, null, bytes("old")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("no key on a compacted topic", outcome(() -> producer.send(
                                new ProducerRecord<>("diff-compacted", 0, now, null, bytes("keyless")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "within range, keyed",
                        outcome(() -> Acked.of(producer.send(new ProducerRecord<>(
                                        "diff-compacted", 0, BASE_TIME + 5, bytes("k"), bytes("fine")))
                                .get(TIMEOUT_S, TimeUnit.SECONDS))));
            }
            return answers;
        });
        assertThat(answer.toString())
                .contains("two hours ahead=Failure[exception=InvalidTimestampException, error=INVALID_TIMESTAMP]")
                .contains("two days old=Failure[exception=InvalidTimestampException, error=INVALID_TIMESTAMP]")
                .contains(
                        "no key on a compacted topic=Failure[exception=InvalidRecordException, error=INVALID_RECORD]");
    }

    // ---------------------------------------------------------------------------------------------
    // Committed offsets of groups without members

    @Test
    void committedOffsetsOfAnAssignedConsumersGroupAgree() throws Exception {
        TopicPartition zero = new TopicPartition(THREE, 0);
        TopicPartition one = new TopicPartition(THREE, 1);
        Object answer = same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "diff-readers");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.assign(List.of(zero, one));
                answers.put("before", consumer.committed(Set.of(zero, one), Duration.ofSeconds(TIMEOUT_S)));
                consumer.commitSync(Map.of(zero, new OffsetAndMetadata(3, "three")), Duration.ofSeconds(TIMEOUT_S));
                answers.put("after", consumer.committed(Set.of(zero, one), Duration.ofSeconds(TIMEOUT_S)));
            }
            try (Admin admin = admin(server)) {
                admin.alterConsumerGroupOffsets("diff-readers", Map.of(one, new OffsetAndMetadata(1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                answers.put(
                        "listed",
                        admin.listConsumerGroupOffsets("diff-readers")
                                .partitionsToOffsetAndMetadata()
                                .get(TIMEOUT_S, TimeUnit.SECONDS));
                answers.put(
                        "delete offsets", outcome(() -> admin.deleteConsumerGroupOffsets("diff-readers", Set.of(one))
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "after deleting offsets",
                        admin.listConsumerGroupOffsets("diff-readers")
                                .partitionsToOffsetAndMetadata()
                                .get(TIMEOUT_S, TimeUnit.SECONDS));
                answers.put("delete offsets of an unknown group", outcome(() -> admin.deleteConsumerGroupOffsets(
                                "diff-nobody", Set.of(one))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("delete group", outcome(() -> admin.deleteConsumerGroups(List.of("diff-readers"))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "after deleting the group",
                        admin.listConsumerGroupOffsets("diff-readers")
                                .partitionsToOffsetAndMetadata()
                                .get(TIMEOUT_S, TimeUnit.SECONDS));
                answers.put("delete it again", outcome(() -> admin.deleteConsumerGroups(List.of("diff-readers"))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "unknown group",
                        admin.listConsumerGroupOffsets("diff-nobody")
                                .partitionsToOffsetAndMetadata()
                                .get(TIMEOUT_S, TimeUnit.SECONDS));
            }
            return answers;
        });
        assertThat(answer.toString())
                .contains("diff-three-0=OffsetAndMetadata{offset=3")
                .contains("unknown group={}")
                .contains("delete it again=Failure[exception=GroupIdNotFoundException, error=GROUP_ID_NOT_FOUND]")
                .contains("after deleting the group={}");
    }

    // ---------------------------------------------------------------------------------------------
    // Unknown topics (auto-creation off on both)

    @Test
    void anUnknownTopicFailsTheSameWayForEveryClient() throws Exception {
        String unknown = "diff-no-such-topic";
        TopicPartition partition = new TopicPartition(unknown, 0);
        Object answer = same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            // Calls that Kafka's Admin retries on UNKNOWN_TOPIC_OR_PARTITION give up after 3 s, not 60.
            try (Admin admin = admin(
                    server,
                    Map.of(
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
                answers.put("describeTopics", outcome(() -> admin.describeTopics(List.of(unknown))
                        .allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("describeConfigs", outcome(() -> admin.describeConfigs(
                                List.of(new ConfigResource(ConfigResource.Type.TOPIC, unknown)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("listOffsets", outcome(() -> admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("deleteRecords", outcome(() -> admin.deleteRecords(
                                Map.of(partition, RecordsToDelete.beforeOffset(0)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "deleteTopics",
                        outcome(() -> admin.deleteTopics(List.of(unknown)).all().get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put(
                        "listTopics",
                        admin.listTopics()
                                .names()
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .contains(unknown));
            }
            try (KafkaProducer<byte[], byte[]> producer =
                    producer(server, "none", Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500"))) {
                answers.put("produce", outcome(() -> producer.send(new ProducerRecord<>(unknown, bytes("v")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
            return answers;
        });
        Failure unknownTopic = new Failure("UnknownTopicOrPartitionException", "UNKNOWN_TOPIC_OR_PARTITION");
        Failure timedOut = new Failure("TimeoutException", "REQUEST_TIMED_OUT");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("describeTopics", unknownTopic);
        expected.put("describeConfigs", unknownTopic);
        expected.put("listOffsets", unknownTopic);
        expected.put("deleteRecords", timedOut); // Admin retries UNKNOWN_TOPIC_OR_PARTITION here until its timeout
        expected.put("deleteTopics", unknownTopic);
        expected.put("listTopics", false);
        expected.put("produce", timedOut); // "not present in metadata after 1500 ms"
        assertThat(answer).isEqualTo(expected);
    }

    // ---------------------------------------------------------------------------------------------
    // DeleteRecords and DeleteTopics

    @Test
    void deleteRecordsMovesTheLogStartOffsetTheSameWay() throws Exception {
        String topic = "diff-delete-records";
        TopicPartition partition = new TopicPartition(topic, 0);
        Object answer = same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                try (KafkaProducer<byte[], byte[]> producer = producer(server, "none", Map.of())) {
                    List<Future<RecordMetadata>> sent = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        sent.add(producer.send(new ProducerRecord<>(topic, 0, BASE_TIME + i, null, bytes("r" + i))));
                        producer.flush(); // one batch per record: DeleteRecords then splits no batch
                    }
                    for (Future<RecordMetadata> future : sent) {
                        future.get(TIMEOUT_S, TimeUnit.SECONDS);
                    }
                }
                answers.put("deleteBefore4", outcome(() -> admin.deleteRecords(
                                Map.of(partition, RecordsToDelete.beforeOffset(4)))
                        .lowWatermarks()
                        .get(partition)
                        .get(TIMEOUT_S, TimeUnit.SECONDS)
                        .lowWatermark()));
                answers.put("earliestAfter", listOffsets(admin, Map.of(partition, OffsetSpec.earliest())));
                answers.put("deleteBefore2Again", outcome(() -> admin.deleteRecords(
                                Map.of(partition, RecordsToDelete.beforeOffset(2)))
                        .lowWatermarks()
                        .get(partition)
                        .get(TIMEOUT_S, TimeUnit.SECONDS)
                        .lowWatermark()));
                answers.put("deleteAboveHighWatermark", outcome(() -> admin.deleteRecords(
                                Map.of(partition, RecordsToDelete.beforeOffset(11)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
            answers.put("fetchFrom4", fetchFrom(server, partition, 4));
            answers.put("fetchFrom1", outcome(() -> fetchFrom(server, partition, 1)));
            try (Admin admin = admin(server)) {
                answers.put("deleteAll", outcome(() -> admin.deleteRecords(
                                Map.of(partition, RecordsToDelete.beforeOffset(-1)))
                        .lowWatermarks()
                        .get(partition)
                        .get(TIMEOUT_S, TimeUnit.SECONDS)
                        .lowWatermark()));
            }
            return answers;
        });
        assertThat(answer.toString()).contains("deleteBefore4=4").contains("deleteAll=10");
    }

    @Test
    void deleteTopicsRemovesThemAndASecondDeleteFailsTheSameWay() throws Exception {
        Object answer = same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(
                                new NewTopic("diff-doomed-a", 1, (short) 1),
                                new NewTopic("diff-doomed-b", 3, (short) 1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                answers.put("delete", outcome(() -> admin.deleteTopics(List.of("diff-doomed-a", "diff-doomed-b"))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("listedAfterDelete", awaitTopicsGone(admin, List.of("diff-doomed-a", "diff-doomed-b")));
                answers.put("deleteAgain", outcome(() -> admin.deleteTopics(List.of("diff-doomed-a"))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("describeDeleted", outcome(() -> admin.describeTopics(List.of("diff-doomed-b"))
                        .allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
            return answers;
        });
        assertThat(answer.toString())
                .contains("delete=ok")
                .contains("listedAfterDelete=[]")
                .contains("deleteAgain=Failure[exception=UnknownTopicOrPartitionException");
    }

    // ---------------------------------------------------------------------------------------------
    // DescribeCluster and DescribeTopics

    @Test
    void describeClusterShowsOneNodeThatIsTheController() throws Exception {
        Object answer = same(server -> {
            try (Admin admin = admin(server)) {
                DescribeClusterResult cluster = admin.describeCluster();
                Collection<Node> nodes = cluster.nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
                Node controller = cluster.controller().get(TIMEOUT_S, TimeUnit.SECONDS);
                String clusterId = cluster.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
                Map<String, Object> shape = new LinkedHashMap<>();
                shape.put("nodeCount", nodes.size());
                shape.put(
                        "nodeAddressesAreTheBootstrapAddress",
                        nodes.stream()
                                .map(node -> node.host() + ":" + node.port())
                                .collect(Collectors.toSet())
                                .equals(java.util.Set.of(server.bootstrapServers())));
                shape.put("controllerPresent", controller != null && !controller.isEmpty());
                shape.put("controllerIsANode", nodes.contains(controller));
                shape.put("clusterIdPresent", clusterId != null && !clusterId.isEmpty());
                return shape;
            }
        });
        assertThat(answer)
                .isEqualTo(Map.of(
                        "nodeCount", 1,
                        "nodeAddressesAreTheBootstrapAddress", true,
                        "controllerPresent", true,
                        "controllerIsANode", true,
                        "clusterIdPresent", true));
    }

    @Test
    void describeTopicsShowsTheSamePartitionsLeadersReplicasAndIsr() throws Exception {
        Object answer = same(server -> {
            try (Admin admin = admin(server)) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(ONE, THREE))
                        .allTopicNames()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
                Map<String, Object> shapes = new TreeMap<>();
                for (TopicDescription topic : topics.values()) {
                    List<String> partitions = new ArrayList<>();
                    for (TopicPartitionInfo info : topic.partitions()) {
                        partitions.add(info.partition()
                                + " leaderIsTheNode=" + nodes.contains(info.leader())
                                + " replicas=" + info.replicas().size()
                                + " isr=" + info.isr().size()
                                + " leaderInReplicas=" + info.replicas().contains(info.leader())
                                + " leaderInIsr=" + info.isr().contains(info.leader())
                                + " elr=" + info.elr().size()
                                + " lastKnownElr=" + info.lastKnownElr().size());
                    }
                    shapes.put(
                            topic.name(),
                            List.of(
                                    "internal=" + topic.isInternal(),
                                    "topicIdPresent=" + (topic.topicId() != null),
                                    partitions));
                }
                return shapes;
            }
        });
        assertThat(answer.toString()).contains("leaderIsTheNode=true replicas=1 isr=1");
    }

    // ---------------------------------------------------------------------------------------------
    // The scenario's steps

    /**
     * Runs {@code step} against the reference broker and the gateway and asserts that both answered the
     * same; returns the (common) answer.
     */
    private <T> T same(Step<T> step) throws Exception {
        T expected = step.run(referenceServer);
        T actual = step.run(gatewayServer);
        assertThat(actual).as("gateway (expected: what Apache Kafka answered)").isEqualTo(expected);
        return actual;
    }

    private static Object createFixtureTopics(Server server) throws Exception {
        Map<String, String> oneConfigs = Map.of("retention.ms", "86400000", "message.timestamp.type", "CreateTime");
        Map<String, String> threeConfigs = Map.of("max.message.bytes", "1048588", "cleanup.policy", "delete");
        try (Admin admin = admin(server)) {
            CreateTopicsResult result = admin.createTopics(List.of(
                    new NewTopic(ONE, 1, (short) 1).configs(oneConfigs),
                    new NewTopic(THREE, 3, (short) 1).configs(threeConfigs)));
            result.all().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, String>> topic :
                    Map.of(ONE, oneConfigs, THREE, threeConfigs).entrySet()) {
                String name = topic.getKey();
                Config config = result.config(name).get(TIMEOUT_S, TimeUnit.SECONDS);
                Map<String, ConfigValue> set = new TreeMap<>();
                for (String key : topic.getValue().keySet()) {
                    set.put(key, ConfigValue.of(config.get(key)));
                }
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("partitions", result.numPartitions(name).get(TIMEOUT_S, TimeUnit.SECONDS));
                created.put("replicationFactor", result.replicationFactor(name).get(TIMEOUT_S, TimeUnit.SECONDS));
                created.put("topicIdPresent", result.topicId(name).get(TIMEOUT_S, TimeUnit.SECONDS) != null);
                created.put("configs", set);
                answers.put(name, created);
            }
            return new TreeMap<>(answers);
        }
    }

    /**
     * For each codec, one idempotent producer (the default) sends keyed records with headers to the
     * three-partition topic (the client's default partitioner picks the partition from the key) and
     * unkeyed records with headers to the one-partition topic.
     */
    private static List<Acked> produceWithEveryCodec(Server server) throws Exception {
        List<Acked> acks = new ArrayList<>();
        for (int c = 0; c < CODECS.size(); c++) {
            String codec = CODECS.get(c);
            try (KafkaProducer<byte[], byte[]> producer = producer(server, codec, Map.of())) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < KEYED_PER_CODEC; i++) {
                    List<Header> headers = List.of(
                            new RecordHeader("codec", bytes(codec)),
                            new RecordHeader("i", bytes(Integer.toString(i))),
                            new RecordHeader("i", null));
                    sent.add(producer.send(new ProducerRecord<>(
                            THREE,
                            null,
                            BASE_TIME + (c * KEYED_PER_CODEC + i) * 1000L,
                            bytes("key-" + i % 7),
                            bytes(codec + " keyed value " + i + " " + "x".repeat(i * 10)),
                            headers)));
                }
                for (int i = 0; i < UNKEYED_PER_CODEC; i++) {
                    long timestamp = i == 1
                            ? BASE_TIME + 300_000L + c // the later stamp: max timestamp of diff-one is here
                            : BASE_TIME + (c * UNKEYED_PER_CODEC + i) * 1000L;
                    sent.add(producer.send(new ProducerRecord<>(
                            ONE,
                            null,
                            timestamp,
                            null,
                            bytes(codec + " unkeyed " + i),
                            List.of(new RecordHeader("codec", bytes(codec))))));
                }
                producer.flush();
                for (Future<RecordMetadata> future : sent) {
                    acks.add(Acked.of(future.get(TIMEOUT_S, TimeUnit.SECONDS)));
                }
            }
        }
        return acks;
    }

    /** The offset in diff-one of the record with the largest timestamp (the last codec's second record). */
    private static long maxTimestampOffsetOfOne() {
        return (long) (CODECS.size() - 1) * UNKEYED_PER_CODEC + 1;
    }

    /** Everything an assign() consumer reads from {@code partition}, starting at {@code from}, up to the end. */
    private static List<Fetched> fetchFrom(Server server, TopicPartition partition, long from) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(server)) {
            return fetchFrom(consumer, partition, from);
        }
    }

    /** As {@link #fetchFrom(Server, TopicPartition, long)}, with {@code consumer} (re-assigned to that partition). */
    private static List<Fetched> fetchFrom(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from)
            throws Exception {
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(TIMEOUT_S))
                .get(partition);
        consumer.seek(partition, from);
        List<Fetched> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (consumer.position(partition, Duration.ofSeconds(TIMEOUT_S)) < end) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no records past " + consumer.position(partition) + " of " + partition);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                records.add(Fetched.of(record));
            }
        }
        return records;
    }

    private static Map<String, Listed> listOffsets(Server server, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        request.put(new TopicPartition(ONE, 0), spec);
        for (int partition = 0; partition < 3; partition++) {
            request.put(new TopicPartition(THREE, partition), spec);
        }
        try (Admin admin = admin(server)) {
            return listOffsets(admin, request);
        }
    }

    private static Map<String, Listed> listOffsets(Admin admin, Map<TopicPartition, OffsetSpec> request)
            throws Exception {
        Map<String, Listed> answers = new TreeMap<>();
        admin.listOffsets(request)
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .forEach((partition, info) -> answers.put(partition.toString(), Listed.of(info)));
        return answers;
    }

    /** The leader epoch that ListOffsets answers for each partition ({@code null}: none, i.e. -1). */
    private static Map<String, Integer> listedLeaderEpochs(Server server, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        request.put(new TopicPartition(ONE, 0), spec);
        request.put(new TopicPartition(THREE, 0), spec);
        Map<String, Integer> epochs = new TreeMap<>();
        try (Admin admin = admin(server)) {
            admin.listOffsets(request)
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .forEach((partition, info) ->
                            epochs.put(partition.toString(), info.leaderEpoch().orElse(null)));
        }
        return epochs;
    }

    private static Map<String, ConfigValue> createAndDescribeConfigsTopic(Server server) throws Exception {
        try (Admin admin = admin(server)) {
            admin.createTopics(List.of(new NewTopic("diff-configs", 1, (short) 1).configs(DESCRIBED_CONFIGS)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            return topicConfigs(admin, "diff-configs");
        }
    }

    /** The given fields of each fixture topic's CreateTopics answer on {@code server}. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> created(Server server, String... fields) {
        Object created = createdFixture.get(server);
        assertThat(created).as("CreateTopics on %s", server).isInstanceOf(Map.class);
        Map<String, Map<String, Object>> selected = new TreeMap<>();
        ((Map<String, Map<String, Object>>) created).forEach((topic, answer) -> {
            Map<String, Object> fieldsOfTopic = new LinkedHashMap<>();
            for (String field : fields) {
                fieldsOfTopic.put(field, answer.get(field));
            }
            selected.put(topic, fieldsOfTopic);
        });
        return selected;
    }

    @SuppressWarnings("unchecked")
    private Map<String, ConfigValue> describedConfigs(Server server) {
        Object described = describedFixture.get(server);
        assertThat(described).as("DescribeConfigs on %s", server).isInstanceOf(Map.class);
        return (Map<String, ConfigValue>) described;
    }

    private static Map<String, ConfigValue> topicConfigs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(resource);
        Map<String, ConfigValue> configs = new TreeMap<>();
        for (ConfigEntry entry : config.entries()) {
            configs.put(entry.name(), ConfigValue.of(entry));
        }
        return configs;
    }

    /** The topics of {@code names} still listed once deletion has settled (Kafka deletes asynchronously). */
    private static List<String> awaitTopicsGone(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> listed = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                    .filter(names::contains)
                    .sorted()
                    .toList();
            if (listed.isEmpty() || System.nanoTime() > deadline) {
                return listed;
            }
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Clients and values

    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    /** The call's result, {@code "ok"} for a void one, or the {@link Failure} it threw. */
    static Object outcome(Call call) {
        try {
            Object result = call.call();
            return result == null ? "ok" : result;
        } catch (Exception e) {
            return Failure.of(e);
        }
    }

    static Admin admin(Server server) {
        return admin(server, Map.of());
    }

    private static Admin admin(Server server, Map<String, Object> more) {
        Map<String, Object> props = new LinkedHashMap<>(more);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        return Admin.create(props);
    }

    private static KafkaProducer<byte[], byte[]> producer(Server server, String codec, Map<String, String> more) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        props.putAll(more);
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Server server) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Re-assigning waits for the fetch in flight; a short long-poll keeps each read quick on both servers.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        return new KafkaConsumer<>(props);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
