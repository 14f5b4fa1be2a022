package io.shardgate.kafka.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.function.Function;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.codec.KafkaFrameDecoder;

class KafkaRequestHandlerTest {

    /** ApiVersions and connection handling never touch the store. */
    private final KafkaApis apis = new KafkaApis(
            null,
            new ProducerIds(count -> java.util.concurrent.CompletableFuture.completedFuture(0L)),
            null,
            java.nio.file.Path.of("."),
            io.shardgate.kafka.KafkaListenerConfig.defaults(),
            io.shardgate.store.limits.Limits.unlimited());

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(
                new KafkaFrameDecoder(1024),
                new KafkaRequestHandler(apis, new BrokerNode(0, "127.0.0.1", 9092, "cluster")),
                ConnectionErrorHandler.INSTANCE);
    }

    @Test
    void shouldAdvertiseImplementedApisWhenAskedForApiVersions() {
        // Given
        EmbeddedChannel channel = channel();

        // When
        channel.writeInbound(frame(ApiKeys.API_VERSIONS, (short) 3, 11, clientInfo()));

        // Then
        ApiVersionsResponseData response = readApiVersions(channel, 11, (short) 3);
        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.apiKeys().find(ApiKeys.PRODUCE.id).minVersion()).isZero();
        assertThat(response.apiKeys().find(ApiKeys.FETCH.id).minVersion()).isEqualTo((short) 4);
        assertThat(response.apiKeys().find(ApiKeys.METADATA.id)).isNotNull();
        assertThat(response.apiKeys().find(ApiKeys.JOIN_GROUP.id).maxVersion()).isEqualTo((short) 9);
        assertThat(response.apiKeys().find(ApiKeys.ADD_PARTITIONS_TO_TXN.id)).isNull();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldAnswerUnsupportedVersionAtV0WhenApiVersionsIsTooNew() {
        // Given
        EmbeddedChannel channel = channel();

        // When a client newer than the gateway asks with ApiVersions v99
        channel.writeInbound(frame(ApiKeys.API_VERSIONS, (short) 99, 12, clientInfo()));

        // Then the answer is v0 with UNSUPPORTED_VERSION and only the ApiVersions range, as Kafka's (KIP-511)
        ApiVersionsResponseData response = readApiVersions(channel, 12, (short) 0);
        assertThat(response.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(response.apiKeys()).hasSize(1);
        assertThat(response.apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion())
                .isEqualTo((short) 5);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldCloseTheConnectionWhenAnApiIsNotImplemented() {
        // Given
        EmbeddedChannel channel = channel();

        // When
        channel.writeInbound(frame(ApiKeys.PRODUCE, (short) 2, 13, new ProduceRequestData()));

        // Then
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.outboundMessages()).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldCloseTheConnectionWhenTheApiKeyIsUnknown() {
        // Given
        EmbeddedChannel channel = channel();
        ByteBuf frame = Unpooled.buffer()
                .writeInt(10)
                .writeShort(999)
                .writeShort(0)
                .writeInt(1)
                .writeShort(-1);

        // When
        channel.writeInbound(frame);

        // Then
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    private static ApiVersionsRequestData clientInfo() {
        return new ApiVersionsRequestData().setClientSoftwareName("test").setClientSoftwareVersion("1");
    }

    /** A request frame as a client writes it, at any version (the body at most at the latest known version). */
    private static ByteBuf frame(ApiKeys key, short version, int correlationId, ApiMessage body) {
        short headerVersion = key.requestHeaderVersion(version);
        short bodyVersion = (short) Math.min(version, key.latestVersion());
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(key.id)
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId("test");
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, bodyVersion);
        ByteBuffer buffer = ByteBuffer.allocate(4 + size);
        buffer.putInt(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.write(accessor, cache, headerVersion);
        body.write(accessor, cache, bodyVersion);
        buffer.flip();
        return Unpooled.wrappedBuffer(buffer);
    }

    private static ApiVersionsResponseData readApiVersions(EmbeddedChannel channel, int correlationId, short version) {
        return read(channel, correlationId, buffer -> {
            ApiVersionsResponseData data = new ApiVersionsResponseData();
            data.read(new ByteBufferAccessor(buffer), version);
            return data;
        });
    }

    private static <T> T read(EmbeddedChannel channel, int correlationId, Function<ByteBuffer, T> body) {
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("a response").isNotNull();
        try {
            ByteBuffer buffer = out.nioBuffer();
            assertThat(buffer.getInt()).isEqualTo(buffer.remaining());
            ResponseHeaderData header = new ResponseHeaderData();
            header.read(new ByteBufferAccessor(buffer), (short) 0);
            assertThat(header.correlationId()).isEqualTo(correlationId);
            return body.apply(buffer);
        } finally {
            out.release();
        }
    }
}
