package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * A Kafka Connect distributed worker against the gateway: it creates its compacted internal topics, joins its
 * cluster as a member of a {@code connect} group (the classic protocol with Connect's own assignor), and runs a
 * source connector whose records arrive in a topic, its source offsets kept in the worker's offsets topic.
 */
class KafkaConnectIT {

    private static final long TIMEOUT_S = 90;

    @TempDir
    Path dataDir;

    @Test
    void shouldRunADistributedWorkerAndItsConnectorAgainstTheGateway() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            Map<String, String> worker = new HashMap<>();
            worker.put("bootstrap.servers", bootstrap(gateway));
            worker.put("group.id", "connect-cluster");
            worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            worker.put("config.storage.topic", "connect-configs");
            worker.put("offset.storage.topic", "connect-offsets");
            worker.put("status.storage.topic", "connect-status");
            worker.put("config.storage.replication.factor", "1");
            worker.put("offset.storage.replication.factor", "1");
            worker.put("status.storage.replication.factor", "1");
            worker.put("offset.flush.interval.ms", "500");
            worker.put("listeners", "http://127.0.0.1:0");
            worker.put("plugin.discovery", "only_scan");
            worker.put("topic.creation.enable", "true");
            Connect<?> connect = new ConnectDistributed().startConnect(worker);
            try {
                URI rest = connect.rest().serverUrl();
                HttpClient http = HttpClient.newHttpClient();

                // When a source connector is created through the worker's REST API
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    lines.add("line " + i);
                }
                String config = "{\"name\":\"lines\",\"config\":{"
                        + "\"connector.class\":\"" + LinesSource.class.getName() + "\","
                        + "\"tasks.max\":\"1\",\"lines\":\"" + String.join(",", lines)
                        + "\",\"topic\":\"connect-lines\","
                        + "\"topic.creation.default.replication.factor\":\"1\","
                        + "\"topic.creation.default.partitions\":\"1\"}}";
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .ignoreExceptions()
                        .until(() -> http.send(
                                                HttpRequest.newBuilder(rest.resolve("/connectors"))
                                                        .header("Content-Type", "application/json")
                                                        .POST(HttpRequest.BodyPublishers.ofString(config))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 201);

                // Then the connector and its task run, and every line is a record of the topic, in order
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> {
                    String status = http.send(
                                    HttpRequest.newBuilder(rest.resolve("/connectors/lines/status"))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    return status.contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"");
                });
                assertThat(consume("connect-lines", lines.size(), bootstrap(gateway)))
                        .isEqualTo(lines);

                // And the worker is a member of its Connect group
                GroupListing listing = admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                        .filter(group -> group.groupId().equals("connect-cluster"))
                        .findFirst()
                        .orElseThrow();
                assertThat(listing.protocol()).isEqualTo("connect");
                assertThat(listing.groupState().map(Object::toString)).contains("Stable");
                assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "connect-configs")))
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS)
                                .values()
                                .iterator()
                                .next()
                                .get("cleanup.policy")
                                .value())
                        .isEqualTo("compact");
            } finally {
                connect.stop();
                connect.awaitStop();
            }
        }
    }

    private static List<String> consume(String topic, int count, String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    /** A source connector of one task that writes the configured comma-separated lines once, in order. */
    public static final class LinesSource extends SourceConnector {
        private Map<String, String> config;

        @Override
        public void start(Map<String, String> props) {
            config = Map.copyOf(props);
        }

        @Override
        public Class<? extends Task> taskClass() {
            return LinesTask.class;
        }

        @Override
        public List<Map<String, String>> taskConfigs(int maxTasks) {
            return List.of(config);
        }

        @Override
        public void stop() {}

        @Override
        public ConfigDef config() {
            return new ConfigDef()
                    .define("lines", ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "the lines to write")
                    .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the topic to write them to");
        }

        @Override
        public String version() {
            return "1";
        }
    }

    /** The task of {@link LinesSource}: resumes after the last line its committed source offset names. */
    public static final class LinesTask extends SourceTask {
        private static final Map<String, String> PARTITION = Map.of("source", "lines");
        private List<String> lines;
        private String topic;
        private int next;

        @Override
        public void start(Map<String, String> props) {
            lines = List.of(props.get("lines").split(","));
            topic = props.get("topic");
            Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
            next = offset == null ? 0 : ((Number) offset.get("position")).intValue() + 1;
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (next >= lines.size()) {
                Thread.sleep(100);
                return null;
            }
            List<SourceRecord> records = new ArrayList<>();
            for (; next < lines.size(); next++) {
                records.add(new SourceRecord(
                        PARTITION, Map.of("position", next), topic, 0, Schema.STRING_SCHEMA, lines.get(next)));
            }
            return records;
        }

        @Override
        public void stop() {}

        @Override
        public String version() {
            return "1";
        }
    }
}
