package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shardgate.gateway.Gateway;
import io.shardgate.gateway.config.GatewayConfig;
import io.shardgate.store.AppendResult;
import io.shardgate.store.NewStream;
import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;

/**
 * A real gateway on a temporary data directory with the admin listener on a free port, driven over HTTP with the
 * JDK's client and, for data, through {@link Gateway#store()} with record batches built by kafka-clients.
 */
class GatewayIT {

    private static final ShardRef ORDERS_0 = new ShardRef("orders", 0);

    @TempDir
    Path dataDir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldReportUpWithTheStoreFactsWhenHealthIsRequested() throws Exception {
        // Given
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {

            // When
            HttpResponse<String> response = get(gateway, "/health");

            // Then
            assertThat(gateway.adminPort()).isPositive();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            JsonNode health = json.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("store").path("streams").asInt()).isZero();
            assertThat(health.path("store").path("mapSizeBytes").asLong())
                    .isEqualTo(gateway.store().mapSizeBytes());
            assertThat(health.path("store").path("dataDir").asText())
                    .isEqualTo(dataDir.toAbsolutePath().normalize().toString());
        }
    }

    @Test
    void shouldMoveTheStoreCountersWhenABatchIsAppended() throws Exception {
        // Given a gateway with one stream
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            createOrders(gateway);
            String before = scrape(gateway);
            MemoryRecords batch = threeRecords();

            // When one batch is appended through the store
            AppendResult appended = gateway.store()
                    .append(ORDERS_0, batch.buffer())
                    .toCompletableFuture()
                    .join();

            // Then
            assertThat(appended.baseOffset()).isZero();
            assertThat(appended.lastOffset()).isEqualTo(2);
            String after = scrape(gateway);
            assertThat(metric(after, "shardgate_store_appends_total") - metric(before, "shardgate_store_appends_total"))
                    .isEqualTo(1.0);
            assertThat(metric(after, "shardgate_store_append_bytes_total")
                            - metric(before, "shardgate_store_append_bytes_total"))
                    .isEqualTo(batch.sizeInBytes());
            assertThat(metric(after, "shardgate_store_commit_latency_seconds_count"))
                    .isGreaterThan(metric(before, "shardgate_store_commit_latency_seconds_count"));
            assertThat(metric(after, "shardgate_store_commit_operations_count"))
                    .isGreaterThan(metric(before, "shardgate_store_commit_operations_count"));
            assertThat(metric(after, "shardgate_store_map_size_bytes"))
                    .isEqualTo(gateway.store().mapSizeBytes());
            assertThat(metric(after, "shardgate_store_streams")).isEqualTo(1.0);
            assertThat(after).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
        }
    }

    @Test
    void shouldCountAResizeWhenTheMapFills() throws Exception {
        // Given the smallest map the store accepts
        GatewayConfig config = ItGateways.config(dataDir, Map.of("store.initialMapSizeBytes", "65536"));
        try (Gateway gateway = Gateway.start(config)) {
            createOrders(gateway);

            // When more data than fits is appended
            byte[] value = new byte[16 * 1024];
            for (int i = 0; i < 8; i++) {
                MemoryRecords batch = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(value));
                gateway.store()
                        .append(ORDERS_0, batch.buffer())
                        .toCompletableFuture()
                        .join();
            }

            // Then
            String scrape = scrape(gateway);
            assertThat(metric(scrape, "shardgate_store_map_resizes_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(metric(scrape, "shardgate_store_map_size_bytes")).isGreaterThan(65536.0);
        }
    }

    @Test
    void shouldKeepTheStreamAndItsRecordsWhenReopenedOnTheSameDataDir() throws Exception {
        // Given a gateway that stored a stream and a batch, then closed
        GatewayConfig config = ItGateways.config(dataDir);
        try (Gateway gateway = Gateway.start(config)) {
            createOrders(gateway);
            gateway.store()
                    .append(ORDERS_0, threeRecords().buffer())
                    .toCompletableFuture()
                    .join();
        }

        // When a new gateway opens the same data directory
        try (Gateway reopened = Gateway.start(config)) {

            // Then the stream and its records are there
            assertThat(reopened.store().stream("orders")).isPresent();
            JsonNode health = json.readTree(get(reopened, "/health").body());
            assertThat(health.path("store").path("streams").asInt()).isEqualTo(1);
            ReadResult read = reopened.store()
                    .read(ORDERS_0, 0, 1 << 20)
                    .toCompletableFuture()
                    .join();
            assertThat(read.highWatermark()).isEqualTo(3);
            assertThat(values(read)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void shouldAnswer404And405WhenThePathOrTheMethodIsWrong() throws Exception {
        // Given
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {

            // When
            HttpResponse<String> unknownPath = get(gateway, "/status");
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(uri(gateway, "/metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then
            assertThat(unknownPath.statusCode()).isEqualTo(404);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        }
    }

    @Test
    void shouldRefuseConnectionsWhenClosed() throws Exception {
        // Given a gateway that answered once
        Gateway gateway = Gateway.start(ItGateways.config(dataDir));
        URI health = uri(gateway, "/health");
        assertThat(get(gateway, "/health").statusCode()).isEqualTo(200);

        // When
        gateway.close();
        gateway.close();

        // Then the listener is gone
        assertThatThrownBy(
                        () -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    /** Through the same loader as the command line: the data directory, admin and Kafka ports 0, and {@code more}. */
    private static void createOrders(Gateway gateway) {
        gateway.store()
                .createStream(NewStream.uniform("orders", StreamOrigin.KAFKA, StreamSettings.defaults(), 1))
                .toCompletableFuture()
                .join();
    }

    private static MemoryRecords threeRecords() {
        return MemoryRecords.withRecords(
                Compression.NONE,
                new SimpleRecord("k1".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8)),
                new SimpleRecord("k2".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)),
                new SimpleRecord("k3".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> values(ReadResult read) {
        List<String> values = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(read.records()).batches()) {
            for (Record record : batch) {
                ByteBuffer value = record.value();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                values.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private URI uri(Gateway gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
    }

    private HttpResponse<String> get(Gateway gateway, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(gateway, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape(Gateway gateway) throws IOException, InterruptedException {
        HttpResponse<String> response = get(gateway, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of an unlabelled sample in the Prometheus text format. */
    private static double metric(String scrape, String name) {
        OptionalDouble value = scrape.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst();
        assertThat(value).as("sample %s", name).isPresent();
        return value.getAsDouble();
    }
}
