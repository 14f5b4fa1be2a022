package io.shardgate.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.operation.KinesisOperations;
import io.shardgate.kinesis.operation.KinesisServices;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The HTTP/1.1 side of the pipeline on an embedded channel: every kind of bad request gets its AWS error with the
 * request-id headers, and the connection keeps serving afterwards.
 */
class KinesisInitializerTest {

    private static final int MAX_BODY = 4096;

    @TempDir
    Path dataDir;

    private LmdbShardStore store;
    private EmbeddedChannel channel;

    @BeforeEach
    void start() throws Exception {
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir));
        KinesisListenerConfig config =
                new KinesisListenerConfig("127.0.0.1", 0, "us-east-1", "123456789012", MAX_BODY, 0);
        KinesisServices services = new KinesisServices(
                store, new ShardIterators(new byte[32], Clock.systemUTC()), Clock.systemUTC(), config);
        channel = new EmbeddedChannel(new KinesisInitializer(
                new KinesisDispatcher(new KinesisOperations(services)),
                MAX_BODY,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void shouldAnswerSerializationExceptionAndKeepServingWhenTheBodyIsNotJson() throws Exception {
        // When
        Response bad = exchange(post("ListStreams", "application/x-amz-json-1.1", "{not json"));
        Response good = exchange(post("ListStreams", "application/x-amz-json-1.1", "{}"));

        // Then
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.json().get("__type").asText()).isEqualTo("SerializationException");
        assertThat(bad.headers).containsKeys("x-amzn-requestid", "x-amz-id-2");
        assertThat(good.status).isEqualTo(200);
        assertThat(good.json().get("StreamNames").isArray()).isTrue();
        assertThat(good.headers.get("x-amzn-requestid")).isNotEqualTo(bad.headers.get("x-amzn-requestid"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void shouldAnswerUnknownOperationWhenTheTargetIsMissingOrUnknown() throws Exception {
        // When
        Response missing = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        Response unknown = exchange(post("Frobnicate", "application/x-amz-json-1.1", "{}"));
        Response served = exchange(post("UpdateStreamWarmThroughput", "application/x-amz-json-1.1", "{}"));
        Response channel = exchange(post("CreateChannel", "application/x-amz-json-1.1", "{}"));
        Response distribution =
                exchange(post("UpdateStreamRecordDistributionStrategy", "application/x-amz-json-1.1", "{}"));

        // Then the thirty-nine operations of the API Reference and the six of newer SDKs are served: the last ones
        // served validate their input
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.json().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(unknown.json().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(unknown.json().get("message").asText()).isEqualTo("Unknown operation Frobnicate.");
        assertThat(served.json().get("__type").asText()).isEqualTo("ValidationException");
        assertThat(served.json().get("message").asText()).contains("'warmThroughputMiBps'");
        assertThat(channel.json().get("__type").asText()).isEqualTo("ValidationException");
        assertThat(channel.json().get("message").asText())
                .startsWith("3 validation errors detected: Value null at 'channelName'");
        assertThat(distribution.json().get("__type").asText()).isEqualTo("ValidationException");
        assertThat(distribution.json().get("message").asText()).contains("'recordDistributionStrategy'");
    }

    @Test
    void shouldAnswerAnErrorWhenTheContentTypeIsNeitherJsonNorCbor() throws Exception {
        // When
        Response response = exchange(post("ListStreams", "text/plain", "{}"));

        // Then
        assertThat(response.status).isEqualTo(400);
        assertThat(response.headers.get("content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.json().get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void shouldAnswerValidationExceptionWhenAMemberBreaksItsConstraint() throws Exception {
        // When
        Response response = exchange(post("CreateStream", "application/x-amz-json-1.1", "{\"ShardCount\":1}"));

        // Then
        assertThat(response.status).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("ValidationException");
        assertThat(response.json().get("message").asText())
                .isEqualTo("1 validation error detected: Value null at 'streamName' failed to satisfy constraint:"
                        + " Member must not be null");
        assertThat(response.headers.get("x-amzn-errortype")).isEqualTo("ValidationException");
    }

    @Test
    void shouldServeCborWhenTheRequestIsCbor() throws Exception {
        // Given a CBOR CreateStream body
        byte[] body = WireFormat.CBOR.mapper().writeValueAsBytes(new CreateStreamInput("s", 2, null, null, null, null));

        // When
        Response created = exchange(post("CreateStream", "application/x-amz-cbor-1.1", body));
        Response listed = exchange(post(
                "ListStreams",
                "application/x-amz-cbor-1.1",
                WireFormat.CBOR.mapper().writeValueAsBytes(Map.of())));

        // Then
        assertThat(created.status).isEqualTo(200);
        assertThat(created.headers.get("content-type")).isEqualTo("application/x-amz-cbor-1.1");
        JsonNode names = WireFormat.CBOR.mapper().readTree(listed.body).get("StreamNames");
        assertThat(names.get(0).asText()).isEqualTo("s");
        assertThat(store.stream("s"))
                .hasValueSatisfying(stream -> assertThat(stream.shards()).hasSize(2));
    }

    @Test
    void shouldAnswer413AndKeepServingWhenTheBodyIsTooLarge() throws Exception {
        // When a body above the cap with a known length, then a good request
        Response tooLarge = exchange(post("PutRecord", "application/x-amz-json-1.1", "x".repeat(MAX_BODY + 1)));
        Response next = exchange(post("ListStreams", "application/x-amz-json-1.1", "{}"));

        // Then
        assertThat(tooLarge.status).isEqualTo(413);
        assertThat(tooLarge.json().get("__type").asText()).isEqualTo("SerializationException");
        assertThat(tooLarge.headers).containsKey("x-amzn-requestid");
        assertThat(next.status).isEqualTo(200);
    }

    @Test
    void shouldSendContinueWhenTheClientExpectsIt() throws Exception {
        // When
        channel.writeInbound(buffer("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
        String interim = drain();
        Response response = exchange("{}");

        // Then
        assertThat(interim).startsWith("HTTP/1.1 100 Continue");
        assertThat(response.status).isEqualTo(200);
    }

    @Test
    void shouldCloseAfterAnsweringWhenTheClientAsksToClose() throws Exception {
        // When
        Response response = exchange("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "X-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: 2\r\n\r\n{}");

        // Then
        assertThat(response.status).isEqualTo(200);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldAnswerAndCloseWhenTheRequestIsNotHttp() throws Exception {
        // When
        Response response = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");

        // Then
        assertThat(response.status).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("SerializationException");
        assertThat(channel.isOpen()).isFalse();
    }

    private static String post(String operation, String contentType, String body) {
        return "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202." + operation + "\r\nContent-Type: "
                + contentType + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/kinesis/"
                + "aws4_request, SignedHeaders=host, Signature=abcd\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static byte[] post(String operation, String contentType, byte[] body) {
        byte[] head = ("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202." + operation
                        + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private Response exchange(String request) throws InterruptedException {
        return exchange(request.getBytes(StandardCharsets.UTF_8));
    }

    private Response exchange(byte[] request) throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        StringBuilder text = new StringBuilder();
        byte[] raw = new byte[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            channel.runPendingTasks();
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                byte[] chunk = new byte[out.readableBytes()];
                out.readBytes(chunk);
                out.release();
                byte[] grown = new byte[raw.length + chunk.length];
                System.arraycopy(raw, 0, grown, 0, raw.length);
                System.arraycopy(chunk, 0, grown, raw.length, chunk.length);
                raw = grown;
            }
            Response response = Response.parse(raw);
            if (response != null) {
                channel.runPendingTasks();
                return response;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(
                "no response within 10 s; got: " + text.append(new String(raw, StandardCharsets.UTF_8)));
    }

    private String drain() {
        StringBuilder text = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return text.toString();
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {

        /** A complete response in {@code raw}, or null if it is not all there yet. */
        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            if (raw.length < end + 4 + length) {
                return null;
            }
            byte[] body = new byte[length];
            System.arraycopy(raw, end + 4, body, 0, length);
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        JsonNode json() throws java.io.IOException {
            return WireFormat.JSON.mapper().readTree(body);
        }
    }
}
