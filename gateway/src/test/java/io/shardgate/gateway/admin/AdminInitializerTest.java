package io.shardgate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ImmediateEventExecutor;

import io.shardgate.gateway.metrics.GatewayMetrics;
import io.shardgate.store.NewStream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The admin pipeline in an {@link EmbeddedChannel}, over a real store: requests are encoded by Netty's HTTP client
 * codec, fed to the server pipeline, and its bytes decoded back.
 */
class AdminInitializerTest {

    @TempDir
    Path dataDir;

    private GatewayMetrics metrics;
    private LmdbShardStore store;
    private ChannelGroup channels;
    private EmbeddedChannel server;

    @BeforeEach
    void openStoreAndPipeline() throws IOException {
        metrics = GatewayMetrics.create();
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), metrics.storeListener(), Clock.systemUTC());
        metrics.storeListener().bindGauges(store);
        channels = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
        server = new EmbeddedChannel(new AdminInitializer(new AdminEndpoints(store, metrics), Runnable::run, channels));
    }

    @AfterEach
    void close() {
        server.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    @Test
    void shouldBuildTheNamedHandlersInOrderWhenAConnectionIsAccepted() {
        // Given / When the initializer ran for the embedded channel
        // Then
        assertThat(server.pipeline().names())
                .containsSubsequence(
                        AdminInitializer.HTTP_CODEC,
                        AdminInitializer.KEEP_ALIVE,
                        AdminInitializer.AGGREGATOR,
                        AdminInitializer.ADMIN_REQUEST,
                        AdminInitializer.ERROR_LOGGER);
        assertThat(channels.contains(server)).isTrue();
    }

    @Test
    void shouldReportTheStoreWhenHealthIsRequested() throws IOException {
        // Given a stream in the store
        store.createStream(NewStream.uniform("orders", StreamOrigin.KINESIS, StreamSettings.defaults(), 1))
                .toCompletableFuture()
                .join();

        // When
        FullHttpResponse response = exchange(HttpMethod.GET, "/health");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
            JsonNode health = new ObjectMapper().readTree(body(response));
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("store").path("writable").asBoolean()).isTrue();
            assertThat(health.path("store").path("streams").asInt()).isEqualTo(1);
            assertThat(health.path("store").path("mapSizeBytes").asLong()).isEqualTo(store.mapSizeBytes());
            assertThat(health.path("store").path("dataDir").asText())
                    .isEqualTo(dataDir.toAbsolutePath().normalize().toString());
        } finally {
            response.release();
        }
    }

    @Test
    void shouldReportDownWith503WhenTheStoreNoLongerTakesWrites() throws IOException {
        // Given a store that was closed under the admin listener
        store.close();

        // When
        FullHttpResponse response = exchange(HttpMethod.GET, "/health");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(503);
            JsonNode health = new ObjectMapper().readTree(body(response));
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("store").path("writable").asBoolean()).isFalse();
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswerInPrometheusTextWhenMetricsAreRequestedWithAQuery() {
        // Given / When
        FullHttpResponse response = exchange(HttpMethod.GET, "/metrics?name=ignored");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
                    .isEqualTo(GatewayMetrics.PROMETHEUS_CONTENT_TYPE);
            assertThat(body(response))
                    .contains("# TYPE shardgate_store_appends_total counter")
                    .contains("shardgate_store_map_size_bytes");
        } finally {
            response.release();
        }
    }

    @Test
    void shouldSendHeadersWithoutABodyWhenTheMethodIsHead() {
        // Given / When
        FullHttpResponse response = exchange(HttpMethod.HEAD, "/health");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isPositive();
            assertThat(response.content().readableBytes()).isZero();
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswer404WhenThePathIsUnknown() {
        // Given / When
        FullHttpResponse response = exchange(HttpMethod.GET, "/status");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(404);
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswer405WithAllowWhenTheMethodIsNotGet() {
        // Given / When
        FullHttpResponse response = exchange(HttpMethod.POST, "/metrics");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(405);
            assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        } finally {
            response.release();
        }
    }

    @Test
    void shouldKeepTheConnectionOpenWhenTheClientAsksForKeepAlive() {
        // Given / When two requests on one connection
        exchange(HttpMethod.GET, "/health").release();
        FullHttpResponse second = exchange(HttpMethod.GET, "/health");

        // Then
        try {
            assertThat(second.status().code()).isEqualTo(200);
            assertThat(server.isOpen()).isTrue();
        } finally {
            second.release();
        }
    }

    @Test
    void shouldCloseTheConnectionWhenTheClientAsksForClose() {
        // Given
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health");
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

        // When
        FullHttpResponse response = exchange(request);

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(server.isOpen()).isFalse();
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswer503WhenTheAdminExecutorHasShutDown() {
        // Given a pipeline whose executor refuses work, as during shutdown
        server.finishAndReleaseAll();
        server = new EmbeddedChannel(new AdminInitializer(
                new AdminEndpoints(store, metrics),
                task -> {
                    throw new RejectedExecutionException("shut down");
                },
                channels));

        // When
        FullHttpResponse response = exchange(HttpMethod.GET, "/health");

        // Then
        try {
            assertThat(response.status().code()).isEqualTo(503);
        } finally {
            response.release();
        }
    }

    private FullHttpResponse exchange(HttpMethod method, String uri) {
        return exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    }

    /** Encodes the request with a client codec, runs it through the server and decodes the response. */
    private FullHttpResponse exchange(DefaultFullHttpRequest request) {
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        try {
            client.writeOutbound(request);
            for (Object bytes; (bytes = client.readOutbound()) != null; ) {
                server.writeInbound(bytes);
            }
            server.runPendingTasks();
            for (Object bytes; (bytes = server.readOutbound()) != null; ) {
                client.writeInbound(bytes);
            }
            FullHttpResponse response = client.readInbound();
            assertThat(response)
                    .as("a response to %s %s", request.method(), request.uri())
                    .isNotNull();
            return response;
        } finally {
            client.finishAndReleaseAll();
        }
    }

    private static String body(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }
}
