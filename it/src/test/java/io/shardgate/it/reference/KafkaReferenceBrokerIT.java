package io.shardgate.it.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference broker starts, serves real clients on 127.0.0.1, takes config overrides and frees its port. */
class KafkaReferenceBrokerIT {

    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    @Test
    void shouldServeClientsOnLoopbackAndReleaseItsPortOnClose() throws Exception {
        int port;
        try (KafkaReferenceBroker broker = KafkaReferenceBroker.start(dir, Map.of("num.partitions", "2"));
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // Given a broker on 127.0.0.1 that is its own controller
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));
            Node node = admin.describeCluster().controller().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(node.id()).isEqualTo(broker.nodeId());
            assertThat(node.host() + ":" + node.port()).isEqualTo(broker.bootstrapServers());

            // When a topic is created with the overridden default partition count and a record goes through it
            admin.createTopics(List.of(new NewTopic("smoke", java.util.Optional.empty(), java.util.Optional.empty())))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                producer.send(new ProducerRecord<>("smoke", 1, null, "hello".getBytes(StandardCharsets.UTF_8)))
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
            }

            // Then the topic has two partitions and the record is read back, with no fault reported
            assertThat(admin.describeTopics(List.of("smoke"))
                            .allTopicNames()
                            .get(TIMEOUT_S, TimeUnit.SECONDS)
                            .get("smoke")
                            .partitions())
                    .hasSize(2);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                TopicPartition partition = new TopicPartition("smoke", 1);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<ConsumerRecord<byte[], byte[]>> records =
                        consumer.poll(Duration.ofSeconds(TIMEOUT_S)).records(partition);
                assertThat(records).singleElement().satisfies(record -> assertThat(
                                new String(record.value(), StandardCharsets.UTF_8))
                        .isEqualTo("hello"));
            }
            assertThat(broker.faults()).isEmpty();
        }

        // And once closed, its port is free again
        assertThatCode(() -> {
                    try (ServerSocket socket = new ServerSocket()) {
                        socket.bind(new InetSocketAddress("127.0.0.1", port));
                    }
                })
                .doesNotThrowAnyException();
    }
}
