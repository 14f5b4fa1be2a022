package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/** Several Kafka listeners with their advertised addresses, automatic topic creation and idle connections. */
class KafkaListenersIT {

    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dataDir;

    @Test
    void shouldDescribeThisNodeWithTheAddressOfTheListenerTheClientUses() throws Exception {
        Map<String, String> listeners = Map.of(
                "kafka.listeners", "PLAINTEXT://127.0.0.1:0,EXTERNAL://127.0.0.1:0",
                "kafka.advertisedListeners", "EXTERNAL://localhost:0");
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, listeners))) {
            Map<String, InetSocketAddress> bound = gateway.kafkaAddresses();
            assertThat(bound).containsOnlyKeys("PLAINTEXT", "EXTERNAL");
            int plain = bound.get("PLAINTEXT").getPort();
            int external = bound.get("EXTERNAL").getPort();
            assertThat(plain).isNotEqualTo(external);

            // Each listener names this node with its own advertised address
            assertThat(nodes(plain)).extracting(Node::host, Node::port).containsExactly(tuple("127.0.0.1", plain));
            assertThat(nodes(external))
                    .extracting(Node::host, Node::port)
                    .containsExactly(tuple("localhost", external));
        }
    }

    @Test
    void shouldCreateUnknownTopicsOnlyWhenConfiguredTo() throws Exception {
        Map<String, String> autoCreate = Map.of("kafka.autoCreateTopics", "true", "kafka.defaultPartitions", "3");
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, autoCreate));
                Admin admin = admin(gateway.kafkaPort());
                KafkaProducer<String, String> producer = producer(gateway.kafkaPort())) {
            // When a producer writes to a topic nobody created
            producer.send(new ProducerRecord<>("made-on-demand", "k", "v")).get(TIMEOUT_S, TimeUnit.SECONDS);

            // Then it exists with the default partition count, and the broker config says why
            TopicDescription description = admin.describeTopics(List.of("made-on-demand"))
                    .allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get("made-on-demand");
            assertThat(description.partitions()).hasSize(3);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
            Config config = admin.describeConfigs(List.of(broker))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(broker);
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("true");
            assertThat(config.get("num.partitions").value()).isEqualTo("3");
        }
    }

    @Test
    void shouldNotCreateTopicsByDefault() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KafkaProducer<String, String> producer =
                        producer(gateway.kafkaPort(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("typo", "k", "v"))
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
            assertThat(gateway.store().stream("typo")).isEmpty();
        }
    }

    @Test
    void shouldCloseConnectionsIdleForLongerThanTheLimit() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kafka.connectionsMaxIdleMs", "300")));
                Socket socket = new Socket("127.0.0.1", gateway.kafkaPort())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();

            // The gateway closes the silent connection: the read sees the end of the stream
            assertThat(in.read()).isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250);
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Collection<Node> nodes(int port) throws Exception {
        try (Admin admin = admin(port)) {
            return admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(int port) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port));
    }

    private static KafkaProducer<String, String> producer(int port) {
        return producer(port, Map.of());
    }

    private static KafkaProducer<String, String> producer(int port, Map<String, Object> more) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        props.putAll(more);
        return new KafkaProducer<>(props);
    }
}
