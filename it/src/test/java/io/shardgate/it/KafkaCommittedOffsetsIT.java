package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * Committed offsets of groups without members (FindCoordinator, OffsetCommit, OffsetFetch): {@code assign()}
 * consumers with a {@code group.id} and the Admin client, as they work against Kafka before any group membership.
 */
class KafkaCommittedOffsetsIT {

    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dataDir;

    @Test
    void shouldResumeAnAssignedConsumerFromItsCommittedOffsetAcrossARestart() throws Exception {
        TopicPartition partition = new TopicPartition("events", 0);
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            admin.createTopics(List.of(new NewTopic("events", 2, (short) 1)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("events", 0, null, bytes("e" + i)))
                            .get(TIMEOUT_S, TimeUnit.SECONDS);
                }
            }
            // When a consumer of group "readers" reads 4 records and commits after them, with metadata
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway, "readers")) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThat(pollValues(consumer, 10)).hasSize(10);
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(4, "after e3")));
                assertThat(consumer.committed(java.util.Set.of(partition)).get(partition))
                        .isEqualTo(new OffsetAndMetadata(4, "after e3"));
            }
        }
        // Then after a restart a new consumer of the group starts at the committed offset
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway, "readers")) {
                consumer.assign(List.of(partition));
                assertThat(pollValues(consumer, 6)).containsExactly("e4", "e5", "e6", "e7", "e8", "e9");
            }
            // And the Admin client lists, alters and reads the group's offsets
            assertThat(admin.listConsumerGroupOffsets("readers")
                            .partitionsToOffsetAndMetadata()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .containsExactly(Map.entry(partition, new OffsetAndMetadata(4, "after e3")));
            admin.alterConsumerGroupOffsets(
                            "readers",
                            Map.of(
                                    partition,
                                    new OffsetAndMetadata(7),
                                    new TopicPartition("events", 1),
                                    new OffsetAndMetadata(0)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(admin.listConsumerGroupOffsets("readers")
                            .partitionsToOffsetAndMetadata()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .containsOnly(
                            Map.entry(partition, new OffsetAndMetadata(7, "")),
                            Map.entry(new TopicPartition("events", 1), new OffsetAndMetadata(0, "")));
            // A group that never committed has no offsets, and an assigned consumer falls back to its reset policy
            assertThat(admin.listConsumerGroupOffsets("nobody")
                            .partitionsToOffsetAndMetadata()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .isEmpty();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway, "nobody")) {
                assertThat(consumer.committed(java.util.Set.of(partition)).get(partition))
                        .isNull();
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Gateway gateway, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(gateway));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }

    private static List<String> pollValues(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<String> values = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (values.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
