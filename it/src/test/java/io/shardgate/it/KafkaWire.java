package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;

/**
 * Raw Kafka wire access for robustness tests: frames built byte by byte, a blocking connection that reads frames or
 * notices the peer closing, and {@link #expect} — what Apache Kafka's broker does with one request frame.
 */
final class KafkaWire {

    private KafkaWire() {}

    /** A request's header and body as kafka-clients serializes them, without the size prefix. */
    static byte[] payload(ApiKeys key, short version, int correlationId, ApiMessage body) {
        RequestHeader header = new RequestHeader(key, version, "robustness-it", correlationId);
        return bytes(RequestUtils.serialize(header.data(), header.headerVersion(), body, version));
    }

    /** A request header of any key and version (unknown ones included), in header v1: key, version, id, client id. */
    static byte[] headerV1(short key, short version, int correlationId, String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + id.length)
                .putShort(key)
                .putShort(version)
                .putInt(correlationId)
                .putShort((short) id.length)
                .put(id)
                .array();
    }

    /** The 4-byte big-endian size, then {@code payload}. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length)
                .putInt(payload.length)
                .put(payload)
                .array();
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The compression codec of every batch stored in a partition, read with a raw Fetch v12 from offset 0. */
    static List<String> storedCodecs(int port, String topic, int partition) throws IOException {
        FetchRequestData data = new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(0)
                .setMinBytes(1)
                .setMaxBytes(16 << 20)
                .setSessionId(0)
                .setSessionEpoch(-1)
                .setTopics(List.of(new FetchRequestData.FetchTopic()
                        .setTopic(topic)
                        .setPartitions(List.of(new FetchRequestData.FetchPartition()
                                .setPartition(partition)
                                .setFetchOffset(0)
                                .setPartitionMaxBytes(16 << 20)))));
        byte[] request = payload(ApiKeys.FETCH, (short) 12, 3, data);
        try (Connection connection = new Connection(port, 10_000)) {
            connection.write(frame(request));
            FetchResponse response = (FetchResponse) AbstractResponse.parseResponse(
                    ByteBuffer.wrap(connection.readFrame().orElseThrow()),
                    RequestHeader.parse(ByteBuffer.wrap(request)));
            FetchResponseData.PartitionData data0 =
                    response.data().responses().get(0).partitions().get(0);
            assertThat(data0.errorCode())
                    .as("fetch error for %s-%s", topic, partition)
                    .isZero();
            List<String> codecs = new ArrayList<>();
            for (RecordBatch batch : ((MemoryRecords) data0.records()).batches()) {
                codecs.add(batch.compressionType().name);
            }
            assertThat(codecs).as("stored batches of %s-%s", topic, partition).isNotEmpty();
            return codecs;
        }
    }

    /** What a Kafka broker does with one request frame. */
    sealed interface Expectation {
        /** The connection is closed without an answer. */
        record Close(String why) implements Expectation {}

        /** Answered with this request's key, version and correlation id; the connection stays open. */
        record Answer(RequestHeader header) implements Expectation {}

        /** ApiVersions above the supported range: {@code UNSUPPORTED_VERSION} at v0 (KIP-511), connection open. */
        record UnsupportedApiVersions(int correlationId) implements Expectation {}

        /** An {@code acks=0} produce: no answer; an error closes the connection. */
        record NoAnswer() implements Expectation {}

        /** The request would legitimately park (a fetch waiting up to {@code max_wait_ms}); not checked. */
        record Parks(long maxWaitMs) implements Expectation {}
    }

    /**
     * What Apache Kafka's broker does with {@code payload} (one frame without its size), given the ranges the broker
     * advertises: {@code SocketServer} closes the connection when the header does not parse, the key is unknown or the
     * version is not enabled; {@code RequestContext.parseRequest} treats ApiVersions above its range as v0 (answered
     * with {@code UNSUPPORTED_VERSION}, KIP-511) and a body that does not parse closes the connection. Shardgate adds
     * two documented rules: Produce v0–2 (advertised for librdkafka, never parsed) close, and so does a frame with
     * bytes left after the body.
     */
    static Expectation expect(byte[] payload, ApiVersionCollection advertised) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        RequestHeader header;
        try {
            header = RequestHeader.parse(buffer);
        } catch (RuntimeException e) {
            return new Expectation.Close("the header does not parse: " + e);
        }
        ApiKeys key = header.apiKey();
        short version = header.apiVersion();
        ApiVersion range = advertised.find(key.id);
        boolean inRange = range != null && version >= range.minVersion() && version <= range.maxVersion();
        if (key == ApiKeys.API_VERSIONS && !inRange) {
            return new Expectation.UnsupportedApiVersions(header.correlationId());
        }
        if (!inRange) {
            return new Expectation.Close(key + " v" + version + " is not advertised");
        }
        if (key == ApiKeys.PRODUCE && version < 3) {
            return new Expectation.Close("Produce v" + version + " is advertised for librdkafka but not parsed");
        }
        AbstractRequest request;
        try {
            request = AbstractRequest.parseRequest(key, version, new ByteBufferAccessor(buffer)).request;
        } catch (RuntimeException e) {
            return new Expectation.Close("the " + key + " v" + version + " body does not parse: " + e);
        }
        if (buffer.hasRemaining()) {
            return new Expectation.Close(buffer.remaining() + " bytes after the body");
        }
        if (request instanceof ProduceRequest produce && produce.acks() == 0) {
            return new Expectation.NoAnswer();
        }
        if (request instanceof FetchRequest fetch && fetch.maxWait() > 1_000) {
            return new Expectation.Parks(fetch.maxWait());
        }
        return new Expectation.Answer(header);
    }

    /** One blocking client connection to the gateway. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        Connection(int port, int readTimeoutMs) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(readTimeoutMs);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        Socket socket() {
            return socket;
        }

        /** Writes {@code bytes}; false if the gateway had already closed the connection. */
        boolean write(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
                return true;
            } catch (IOException closed) {
                return false;
            }
        }

        /** The next response frame without its size, or empty when the gateway closed the connection. */
        Optional<byte[]> readFrame() throws IOException {
            try {
                int size = in.readInt();
                assertThat(size).as("response size").isBetween(0, 64 << 20);
                byte[] frame = new byte[size];
                in.readFully(frame);
                return Optional.of(frame);
            } catch (EOFException eof) {
                return Optional.empty();
            } catch (SocketException reset) {
                return Optional.empty();
            }
        }

        /** Asserts the gateway closes the connection without sending a byte. */
        void assertClosedWithoutAnswer(String what) throws IOException {
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException timeout) {
                throw new AssertionError("the gateway kept the connection open after " + what, timeout);
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read)
                    .as("first byte from the gateway after %s (-1: closed)", what)
                    .isEqualTo(-1);
        }

        /** Asserts that nothing arrives and the connection stays open for {@code millis}. */
        void assertOpenAndSilentFor(int millis, String what) throws IOException {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(millis);
            try {
                int read = in.read();
                throw new AssertionError("expected the gateway to wait after " + what + " but it "
                        + (read < 0 ? "closed the connection" : "sent a byte"));
            } catch (SocketTimeoutException expected) {
                // still open, nothing sent
            } finally {
                socket.setSoTimeout(timeout);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
