package io.shardgate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.api.FetchApi;
import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.api.RequestContext;
import io.shardgate.kafka.api.ResponseBuffers;
import io.shardgate.kafka.pipeline.KafkaApis;
import io.shardgate.store.NewStream;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * Fetch through a real listener (NIO, loopback) where batches are sent from LMDB's data file with {@code sendfile}
 * (ADR 0006): the bytes a client receives are the stored batches exactly, small batches still copied, leases ended
 * once a response is written, given up (long poll) or cut off by the client closing mid-send, and a response in
 * flight unaffected by DeleteRecords and the appends that follow it.
 */
class FetchFileRegionsTest {
    private static final String TOPIC = "regions";
    private static final ShardRef SHARD = new ShardRef(TOPIC, 0);
    private static final short VERSION = 12; // topics by name

    @TempDir
    Path dir;

    private LmdbShardStore store;
    private EventLoopGroup loops;
    private KafkaListener listener;
    private int correlationId;

    @BeforeEach
    void start() throws IOException {
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dir).withRetentionCheckIntervalMs(3_600_000));
        join(store.createStream(NewStream.uniform(TOPIC, StreamOrigin.KAFKA, StreamSettings.defaults(), 1)));
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        KafkaApis apis = new KafkaApis(
                store,
                new ProducerIds(count -> CompletableFuture.completedFuture(0L)),
                null,
                dir,
                KafkaListenerConfig.defaults(),
                Limits.unlimited());
        listener = KafkaListener.bind(
                new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class),
                new KafkaEndpoint("PLAINTEXT", "127.0.0.1", 0, "127.0.0.1", 0),
                KafkaListenerConfig.defaults(),
                apis);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (store != null) {
            store.close();
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A batch of {@code count} records of {@code size} random bytes. */
    private static ByteBuffer batch(long seed, int count, int size) {
        Random random = new Random(seed);
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            records[i] = new SimpleRecord(seed, value);
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    /** Appends batches of 16 records of 1 KiB (file regions), every third one 2 records of 100 bytes (copied). */
    private void appendMixed(int batches, long firstSeed) {
        for (int i = 0; i < batches; i++) {
            long seed = firstSeed + i;
            join(store.append(SHARD, seed % 3 == 2 ? batch(seed, 2, 100) : batch(seed, 16, 1024)));
        }
    }

    /** The stored batches from {@code from}, back to back, as a copying read returns them. */
    private byte[] stored(long from) {
        ByteBuffer records = join(store.read(SHARD, from, Integer.MAX_VALUE)).records();
        byte[] bytes = new byte[records.remaining()];
        records.get(bytes);
        return bytes;
    }

    private byte[] fetchRequest(long offset, int maxBytes, int minBytes, int maxWaitMs) {
        FetchRequestData data = new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(maxWaitMs)
                .setMinBytes(minBytes)
                .setMaxBytes(maxBytes)
                .setIsolationLevel((byte) 0);
        data.topics()
                .add(new FetchRequestData.FetchTopic()
                        .setTopic(TOPIC)
                        .setPartitions(List.of(new FetchRequestData.FetchPartition()
                                .setPartition(0)
                                .setFetchOffset(offset)
                                .setLogStartOffset(-1)
                                .setPartitionMaxBytes(maxBytes))));
        RequestHeader header = new RequestHeader(ApiKeys.FETCH, VERSION, "regions-test", ++correlationId);
        ByteBuffer payload = RequestUtils.serialize(header.data(), header.headerVersion(), data, VERSION);
        return ByteBuffer.allocate(4 + payload.remaining())
                .putInt(payload.remaining())
                .put(payload)
                .array();
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(listener.address(), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Reads one response frame and returns the partition's record bytes. */
    private static FetchResponseData.PartitionData readResponse(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        ResponseHeader.parse(buffer, ApiKeys.FETCH.responseHeaderVersion(VERSION));
        FetchResponse response = FetchResponse.parse(new ByteBufferAccessor(buffer), VERSION);
        return response.data().responses().get(0).partitions().get(0);
    }

    private static byte[] bytes(BaseRecords records) {
        ByteBuffer buffer = ((MemoryRecords) records).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void shouldSendStoredBatchesFromTheFileExactlyAsStored() throws IOException {
        // Given large batches (file regions) and small ones (copied) in one shard
        appendMixed(30, 0);
        byte[] expected = stored(0);

        // When a client fetches all of them
        try (Socket socket = connect(0)) {
            socket.getOutputStream().write(fetchRequest(0, 8 * 1024 * 1024, 1, 0));
            FetchResponseData.PartitionData partition = readResponse(socket);

            // Then it receives every stored byte, in order, and the lease has ended
            assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(bytes(partition.records())).isEqualTo(expected);
            eventually("the lease ends", () -> store.leasedReads() == 0);
        }
    }

    @Test
    void shouldSendFromTheMiddleOfTheShardWithinMaxBytes() throws IOException {
        // Given
        appendMixed(30, 100);
        long from =
                join(store.read(SHARD, 0, Integer.MAX_VALUE)).batches().get(7).baseOffset();
        byte[] all = stored(from);

        // When the response's max bytes cuts the batches short
        try (Socket socket = connect(0)) {
            socket.getOutputStream().write(fetchRequest(from, 100_000, 1, 0));
            FetchResponseData.PartitionData partition = readResponse(socket);

            // Then the leading batches that fit, as stored
            byte[] received = bytes(partition.records());
            assertThat(received.length).isPositive().isLessThanOrEqualTo(100_000);
            assertThat(received).isEqualTo(java.util.Arrays.copyOf(all, received.length));
            eventually("the lease ends", () -> store.leasedReads() == 0);
        }
    }

    @Test
    void shouldReleaseTheLeaseWhenTheClientClosesMidSend() throws IOException {
        // Given a shard with far more than the socket buffers hold (16 MiB)
        for (int i = 0; i < 256; i++) {
            join(store.append(SHARD, batch(i, 64, 1024)));
        }
        Socket socket = connect(4096);
        try {
            // When the client asks for all of it, reads a little, and goes away with a reset
            socket.getOutputStream().write(fetchRequest(0, 64 * 1024 * 1024, 1, 0));
            socket.getInputStream().readNBytes(1000);
            eventually("the response is being sent", () -> store.leasedReads() == 1);
            socket.setSoLinger(true, 0);
        } finally {
            socket.close();
        }

        // Then the failed write ends the lease
        eventually("the lease ends", () -> store.leasedReads() == 0);
    }

    @Test
    void shouldSendTheBatchesAsReadWhenDeleteRecordsAndAppendsRaceTheResponse() throws IOException {
        // Given a response being sent slowly (16 MiB, more than the socket buffers hold; the client does not read yet)
        for (int i = 0; i < 256; i++) {
            join(store.append(SHARD, batch(i, 64, 1024)));
        }
        byte[] expected = stored(0);
        long end = join(store.offsets(SHARD)).highWatermark();
        try (Socket socket = connect(4096)) {
            socket.getOutputStream().write(fetchRequest(0, 64 * 1024 * 1024, 1, 0));
            eventually("the response is being sent", () -> store.leasedReads() == 1);

            // When DeleteRecords removes everything it holds and new batches take the space
            assertThat(join(store.deleteBefore(SHARD, end))).isEqualTo(end);
            for (int i = 1000; i < 1064; i++) {
                join(store.append(SHARD, batch(i, 64, 1024)));
            }

            // Then the client still receives the batches as they were when read
            FetchResponseData.PartitionData partition = readResponse(socket);
            assertThat(bytes(partition.records())).isEqualTo(expected);
        }
        eventually("the lease ends", () -> store.leasedReads() == 0);
        // and the deletion held back by the lease completes
        eventually("the deleted batches go", () -> join(store.sizeInBytes(SHARD)) == stored(end).length);
    }

    @Test
    void shouldEndTheLeasesOfARoundThatIsNotAnswered() throws IOException {
        // Given less data than the fetch's min bytes
        appendMixed(3, 200);
        byte[] expected = stored(0);

        // When the fetch waits for more (reading again at the deadline)
        try (Socket socket = connect(0)) {
            socket.getOutputStream().write(fetchRequest(0, 8 * 1024 * 1024, 10 * 1024 * 1024, 300));
            FetchResponseData.PartitionData partition = readResponse(socket);

            // Then the answer is the data there is, and no lease of either round is left
            assertThat(bytes(partition.records())).isEqualTo(expected);
            eventually("the leases end", () -> store.leasedReads() == 0);
        }
    }

    @Test
    void shouldCopyEveryBatchForAConnectionThatCannotSendFileRegions() throws Exception {
        // Given large batches
        appendMixed(6, 300);
        byte[] expected = stored(0);
        FetchApi api = new FetchApi(store, Limits.unlimited());
        for (boolean fileRegions : new boolean[] {false, true}) {
            ResponseBuffers buffers = new ResponseBuffers();
            RequestContext context = context(buffers, fileRegions);

            // When
            FetchResponseData response = join(api.handle(context, fetchRequestOf()));

            // Then TLS connections (no file regions) get memory records; others file regions
            BaseRecords records =
                    response.responses().get(0).partitions().get(0).records();
            if (fileRegions) {
                assertThat(records).isNotInstanceOf(MemoryRecords.class);
                assertThat(records.sizeInBytes()).isEqualTo(expected.length);
                assertThat(store.leasedReads()).isEqualTo(1);
            } else {
                assertThat(records).isInstanceOf(MemoryRecords.class);
                assertThat(bytes(records)).isEqualTo(expected);
                assertThat(store.leasedReads()).isZero();
            }
            buffers.release();
            assertThat(store.leasedReads()).isZero();
        }
    }

    private FetchRequest fetchRequestOf() {
        byte[] frame = fetchRequest(0, 8 * 1024 * 1024, 1, 0);
        ByteBuffer buffer = ByteBuffer.wrap(frame, 4, frame.length - 4);
        RequestHeader.parse(buffer);
        return FetchRequest.parse(new ByteBufferAccessor(buffer), VERSION);
    }

    private RequestContext context(ResponseBuffers buffers, boolean fileRegions) {
        RequestHeader header = new RequestHeader(ApiKeys.FETCH, VERSION, "regions-test", 1);
        return new RequestContext(
                header,
                new BrokerNode(0, "127.0.0.1", 9092, "cluster"),
                loops.next(),
                buffers,
                "/127.0.0.1",
                new CompletableFuture<>(),
                fileRegions);
    }
}
