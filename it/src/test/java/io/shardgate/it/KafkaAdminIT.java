package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.consumer;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;
import io.shardgate.store.NewStream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;

/** The Kafka admin APIs against the real kafka-clients Admin, producer and consumer, on an in-process gateway. */
class KafkaAdminIT {

    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dataDir;

    @Test
    void shouldDeleteTopicsByNameAndByIdAndRejectUnknownOnes() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given two topics
            admin.createTopics(List.of(new NewTopic("a", 1, (short) 1), new NewTopic("b", 2, (short) 1)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            Uuid idOfB = admin.describeTopics(List.of("b"))
                    .allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get("b")
                    .topicId();

            // When one is deleted by name and the other by id
            admin.deleteTopics(TopicCollection.ofTopicNames(List.of("a"))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            admin.deleteTopics(TopicCollection.ofTopicIds(List.of(idOfB))).all().get(TIMEOUT_S, TimeUnit.SECONDS);

            // Then both are gone, and deleting them again fails as Kafka does
            assertThat(admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS))
                    .isEmpty();
            assertThat(gateway.store().streams()).isEmpty();
            assertThatThrownBy(() -> admin.deleteTopics(TopicCollection.ofTopicNames(List.of("a")))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
            assertThatThrownBy(() -> admin.deleteTopics(TopicCollection.ofTopicIds(List.of(idOfB)))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UnknownTopicIdException.class);
        }
    }

    @Test
    void shouldAddPartitionsThatTakeRecordsAndRefuseKinesisStreamsAndShrinking() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given a one-partition topic and a Kinesis stream
            admin.createTopics(List.of(new NewTopic("grow", 1, (short) 1)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            createKinesisStream(gateway, "kin", 2);

            // When validate-only, then a real increase to 3 partitions
            admin.createPartitions(
                            Map.of("grow", NewPartitions.increaseTo(5)),
                            new org.apache.kafka.clients.admin.CreatePartitionsOptions().validateOnly(true))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(gateway.store().stream("grow").orElseThrow().shards()).hasSize(1);
            admin.createPartitions(Map.of("grow", NewPartitions.increaseTo(3)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);

            // Then the new partition is described and takes records
            TopicDescription description = admin.describeTopics(List.of("grow"))
                    .allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get("grow");
            assertThat(description.partitions()).hasSize(3);
            try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>("grow", 2, null, bytes("new")))
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                assertThat(sent.partition()).isEqualTo(2);
                assertThat(sent.offset()).isZero();
            }

            // And shrinking and Kinesis streams are refused
            assertThatThrownBy(() -> admin.createPartitions(Map.of("grow", NewPartitions.increaseTo(2)))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidPartitionsException.class);
            assertThatThrownBy(() -> admin.createPartitions(Map.of("kin", NewPartitions.increaseTo(4)))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("UpdateShardCount");

            // And a Kinesis stream's retention stays within Kinesis' 24 to 8760 hours
            ConfigResource kinesis = new ConfigResource(ConfigResource.Type.TOPIC, "kin");
            assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                                    kinesis,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidConfigurationException.class);
            admin.incrementalAlterConfigs(Map.of(
                            kinesis,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "172800000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(gateway.store().stream("kin").orElseThrow().settings().retentionMs())
                    .isEqualTo(172_800_000L);
        }
    }

    @Test
    void shouldMoveTheLogStartOffsetWhenRecordsAreDeleted() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given ten records in a partition
            admin.createTopics(List.of(new NewTopic("trim", 1, (short) 1)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            createKinesisStream(gateway, "kin", 1);
            TopicPartition partition = new TopicPartition("trim", 0);
            try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("trim", 0, null, bytes("r" + i)))
                            .get(TIMEOUT_S, TimeUnit.SECONDS);
                }
            }

            // When the records before offset 4 are deleted
            long lowWatermark = admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(4)))
                    .lowWatermarks()
                    .get(partition)
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .lowWatermark();

            // Then the earliest offset moved, and a fetch below it fails
            assertThat(lowWatermark).isEqualTo(4);
            assertThat(admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                            .partitionResult(partition)
                            .get(TIMEOUT_S, TimeUnit.SECONDS)
                            .offset())
                    .isEqualTo(4);
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway)) {
                consumer.assign(List.of(partition));
                consumer.seek(partition, 0);
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 50; i++) {
                                consumer.poll(Duration.ofMillis(200));
                            }
                        })
                        .isInstanceOf(OffsetOutOfRangeException.class);
            }

            // And -1 deletes up to the high watermark, while Kinesis streams are refused
            assertThat(admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(-1)))
                            .lowWatermarks()
                            .get(partition)
                            .get(TIMEOUT_S, TimeUnit.SECONDS)
                            .lowWatermark())
                    .isEqualTo(10);
            TopicPartition kinesis = new TopicPartition("kin", 0);
            assertThatThrownBy(() -> admin.deleteRecords(Map.of(kinesis, RecordsToDelete.beforeOffset(0)))
                            .lowWatermarks()
                            .get(kinesis)
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PolicyViolationException.class);
        }
    }

    @Test
    void shouldDescribeThisNodeAsTheWholeClusterAndItsController() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertThat(cluster.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS)).isNotBlank();
            assertThat(cluster.nodes().get(TIMEOUT_S, TimeUnit.SECONDS))
                    .singleElement()
                    .satisfies(node -> assertThat(node.port()).isEqualTo(gateway.kafkaPort()));
            assertThat(cluster.controller().get(TIMEOUT_S, TimeUnit.SECONDS).port())
                    .isEqualTo(gateway.kafkaPort());
        }
    }

    @Test
    void shouldDescribeTopicsWithTheirPartitionsAndUnknownOnesAsErrors() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            admin.createTopics(List.of(new NewTopic("d", 4, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            TopicDescription description = admin.describeTopics(List.of("d"))
                    .allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get("d");
            assertThat(description.partitions()).hasSize(4);
            assertThat(description.partitions().get(3).leader().port()).isEqualTo(gateway.kafkaPort());
            assertThat(description.partitions().get(3).isr()).hasSize(1);
            assertThatThrownBy(() -> admin.describeTopics(List.of("missing"))
                            .allTopicNames()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void shouldRoundTripTopicConfigsAcrossARestart() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "conf");
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given a topic created with a config
            admin.createTopics(List.of(new NewTopic("conf", 1, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            Config described = describe(admin, topic);
            assertThat(described.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(described.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(described.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(described.get("cleanup.policy").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
            assertThat(described.get("max.message.bytes").value()).isEqualTo("1048588");
            assertThat(described.get("segment.bytes").value()).isEqualTo("1073741824");
            assertThat(gateway.store().stream("conf").orElseThrow().settings().retentionMs())
                    .isEqualTo(3_600_000L);

            // When configs are altered incrementally
            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            List.of(
                                    new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET),
                                    new AlterConfigOp(
                                            new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                                            AlterConfigOp.OpType.SET),
                                    new AlterConfigOp(
                                            new ConfigEntry("min.insync.replicas", "1"), AlterConfigOp.OpType.SET),
                                    new AlterConfigOp(
                                            new ConfigEntry("cleanup.policy", "compact"),
                                            AlterConfigOp.OpType.APPEND))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);

            // Then the store has them, and unknown or malformed configs are refused
            assertThat(gateway.store().stream("conf").orElseThrow().settings().retentionMs())
                    .isEqualTo(-1L);
            assertThat(describe(admin, topic).get("cleanup.policy").value()).isEqualTo("delete,compact");
            assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                                    topic,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET))))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidConfigurationException.class);
            assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                                    topic,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET))))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidConfigurationException.class);
            assertThatThrownBy(() -> admin.createTopics(
                                    List.of(new NewTopic("bad", 1, (short) 1).configs(Map.of("no.such.config", "1"))))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidConfigurationException.class);

            // And this broker's configs are described
            String nodeId = String.valueOf(admin.describeCluster()
                    .controller()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .id());
            Config broker = describe(admin, new ConfigResource(ConfigResource.Type.BROKER, nodeId));
            assertThat(broker.get("message.max.bytes").value()).isEqualTo("1048588");
        }

        // And after a restart on the same data the altered configs are still there
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            Config described = describe(admin, topic);
            assertThat(described.get("retention.ms").value()).isEqualTo("-1");
            assertThat(described.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(described.get("cleanup.policy").value()).isEqualTo("delete,compact");
        }
    }

    @Test
    void shouldFailOnlyTheTooLargeSendWhenARecordExceedsMaxMessageBytes() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given a topic that takes batches of at most 2,000 bytes
            admin.createTopics(
                            List.of(new NewTopic("small", 2, (short) 1).configs(Map.of("max.message.bytes", "2000"))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
                // When a 5,000-byte record is sent
                byte[] large = new byte[5_000];
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("small", 0, null, large))
                                .get(TIMEOUT_S, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(RecordTooLargeException.class);

                // Then other sends still succeed, on the connection that is still open
                assertThat(producer.send(new ProducerRecord<>("small", 1, null, bytes("fits")))
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .offset())
                        .isZero();
                assertThat(producer.send(new ProducerRecord<>("small", 0, null, bytes("fits too")))
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .offset())
                        .isZero();
            }
        }
    }

    @Test
    void shouldRefuseRecordsLargerThanTheSegmentSizeOrTheStoresAppendLimit() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("store.maxBatchBytes", "2000000")));
                Admin admin = admin(gateway)) {
            // Given (with appends capped at 2 MB by the store) a topic whose segments are 1 MiB, and one with the
            // default 1 GiB segments, both taking batches up to 4 MiB
            admin.createTopics(List.of(
                            new NewTopic("segmented", 1, (short) 1)
                                    .configs(Map.of("segment.bytes", "1048576", "max.message.bytes", "4194304")),
                            new NewTopic("plain", 1, (short) 1).configs(Map.of("max.message.bytes", "4194304"))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer =
                    producer(gateway, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304"))) {
                // When a 1.2 MB record goes to the first, then a 2.5 MB one to the second (above store.maxBatchBytes)
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("segmented", new byte[1_200_000]))
                                .get(TIMEOUT_S, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(RecordBatchTooLargeException.class)
                        .hasMessageContaining("exceeds the maximum configured segment size of 1048576");
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("plain", new byte[2_500_000]))
                                .get(TIMEOUT_S, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(RecordBatchTooLargeException.class)
                        .hasMessageContaining("segment size of 2000000");

                // Then the connection still serves records that fit
                assertThat(producer.send(new ProducerRecord<>("segmented", new byte[900_000]))
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .offset())
                        .isZero();
                assertThat(producer.send(new ProducerRecord<>("plain", new byte[1_500_000]))
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .offset())
                        .isZero();
            }
        }
    }

    @Test
    void shouldEnforceRetentionBytesOnKafkaTopicsAndRefuseItOnKinesisStreams() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            // Given a topic limited to 3,000 bytes per partition holding five batches of about 1 KB
            admin.createTopics(List.of(new NewTopic("capped", 1, (short) 1).configs(Map.of("retention.bytes", "3000"))))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            createKinesisStream(gateway, "kin", 1);
            TopicPartition partition = new TopicPartition("capped", 0);
            try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("capped", 0, null, new byte[1_000]))
                            .get(TIMEOUT_S, TimeUnit.SECONDS);
                }
            }
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "capped");
            assertThat(describe(admin, topic).get("retention.bytes").value()).isEqualTo("3000");

            // When retention runs
            gateway.store().runRetention();

            // Then the oldest batches are gone while at least 3,000 bytes stay: two of five batches remain
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(TIMEOUT_S))
                    .until(() -> admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                                    .partitionResult(partition)
                                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                                    .offset()
                            == 2);

            // And a Kinesis stream refuses a size limit (its records are immutable until they expire)
            ConfigResource kinesis = new ConfigResource(ConfigResource.Type.TOPIC, "kin");
            assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(
                                    kinesis,
                                    List.of(new AlterConfigOp(
                                            new ConfigEntry("retention.bytes", "1000"), AlterConfigOp.OpType.SET))))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("only -1 is allowed");
        }
    }

    /** A stream created the way the Kinesis API creates them (origin KINESIS), directly in the store. */
    private static void createKinesisStream(Gateway gateway, String name, int shards) throws Exception {
        gateway.store()
                .createStream(NewStream.uniform(name, StreamOrigin.KINESIS, StreamSettings.defaults(), shards))
                .toCompletableFuture()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static Config describe(Admin admin, ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(resource);
    }
}
