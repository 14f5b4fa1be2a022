package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * Fetch: stored batches go out as stored, without re-encoding. Partitions are read concurrently and assembled in
 * request order within the response's {@code max_bytes} (the first batch of the response is sent even when larger,
 * as Kafka does). Until
 * {@code min_bytes} are available the request is parked, not a thread: it waits on the store's "appended" signal of
 * every fetched shard and on a timer on the connection's event loop for {@code max_wait_ms}, then reads again.
 * Sessionless: every response has session id 0, so clients send full requests. Last stable offset = high watermark
 * until transactions exist.
 *
 * <p>On a topic with budgets (the Kinesis limits profiles, D8) the bytes a partition returns are charged to its
 * shard's read budget (2 MiB/s shared with Kinesis readers); a partition whose shard still owes earlier reads returns
 * no records. Either way the response's {@code throttle_time_ms} is the time until the most indebted shard is paid off,
 * and it is answered at once rather than parked (KIP-219: the client and the pipeline then wait that long).
 */
public final class FetchApi implements KafkaApi<FetchRequest> {

    private final ShardStore store;
    private final Limits limits;

    public FetchApi(ShardStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.FETCH;
    }

    @Override
    public short minVersion() {
        return 4;
    }

    @Override
    public short maxVersion() {
        return 18;
    }

    @Override
    public CompletionStage<FetchResponseData> handle(RequestContext context, FetchRequest request) {
        FetchRequestData data = request.data();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, data.maxWaitMs()));
        return attempt(context, data, deadline);
    }

    private CompletableFuture<FetchResponseData> attempt(RequestContext context, FetchRequestData data, long deadline) {
        return readAll(data, context.buffers()).thenCompose(round -> {
            long remainingNanos = deadline - System.nanoTime();
            if (round.bytes >= Math.max(1, data.minBytes())
                    || round.failed
                    || round.throttleMs > 0
                    || remainingNanos <= 0) {
                return CompletableFuture.completedFuture(round.response);
            }
            List<CompletableFuture<Void>> signals = new ArrayList<>();
            for (ShardWait wait : round.waits) {
                signals.add(store.awaitAppend(wait.shard, wait.offset));
            }
            // true: the connection closed, so nobody waits for more; the round's answer ends the request.
            CompletableFuture<Boolean> wake = new CompletableFuture<>();
            signals.forEach(signal -> signal.whenComplete((ignored, failure) -> wake.complete(false)));
            context.connectionClosed().whenComplete((ignored, failure) -> wake.complete(true));
            ScheduledFuture<?> timer =
                    context.eventLoop().schedule(() -> wake.complete(false), remainingNanos, TimeUnit.NANOSECONDS);
            return wake.thenCompose(closed -> {
                timer.cancel(false);
                signals.forEach(signal -> signal.cancel(false));
                return closed ? CompletableFuture.completedFuture(round.response) : attempt(context, data, deadline);
            });
        });
    }

    /**
     * One read of every partition of the request: all partitions are read at once, each up to its own limit, then
     * the response is assembled in request order within {@code max_bytes} as Kafka assembles it (the first
     * partition with data may exceed it by its first batch; later ones get the batches that still fit).
     */
    private CompletableFuture<Round> readAll(FetchRequestData data, ResponseBuffers buffers) {
        Round round = new Round(data.maxBytes());
        List<Slot> slots = new ArrayList<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (FetchTopic topic : data.topics()) {
            FetchableTopicResponse topicResponse =
                    new FetchableTopicResponse().setTopic(topic.topic()).setTopicId(topic.topicId());
            round.response.responses().add(topicResponse);
            Optional<Stream> stream = TopicMapping.resolve(store, topic.topic(), topic.topicId());
            boolean byId = topic.topic() == null || topic.topic().isEmpty();
            for (FetchPartition partition : topic.partitions()) {
                PartitionData out = new PartitionData().setPartitionIndex(partition.partition());
                topicResponse.partitions().add(out);
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partition())) {
                    round.fail(out, byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION);
                    continue;
                }
                Errors epochError = TopicMapping.checkLeaderEpoch(partition.currentLeaderEpoch());
                if (epochError != Errors.NONE) {
                    round.fail(out, epochError);
                    continue;
                }
                Slot slot =
                        new Slot(stream.get(), TopicMapping.shard(stream.get(), partition.partition()), partition, out);
                slots.add(slot);
                int limit = Math.max(0, Math.min(partition.partitionMaxBytes(), data.maxBytes()));
                CompletionStage<ReadResult> read = limit == 0
                        ? store.offsets(slot.shard)
                                .thenApply(offsets -> new ReadResult(
                                        List.of(),
                                        java.nio.ByteBuffer.allocate(0),
                                        offsets.logStartOffset(),
                                        offsets.highWatermark()))
                        : store.read(slot.shard, partition.fetchOffset(), limit, buffers::allocate);
                reads.add(read.handle((result, failure) -> {
                            slot.result = result;
                            slot.failure = failure;
                            return (Void) null;
                        })
                        .toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            for (Slot slot : slots) {
                if (slot.failure != null) {
                    round.fail(slot.out, KafkaErrors.apiError(slot.failure).error());
                    continue;
                }
                ReadResult result = slot.result;
                MemoryRecords records = fitting(
                        result, Math.min(slot.partition.partitionMaxBytes(), round.remainingBytes()), round.bytes == 0);
                if (Limits.budgeted(slot.stream)) {
                    records = charge(slot, records, round);
                }
                round.succeed(slot.out, result.logStartOffset(), result.highWatermark(), records);
                round.waits.add(
                        new ShardWait(slot.shard, Math.max(slot.partition.fetchOffset(), result.highWatermark())));
            }
            round.response.setThrottleTimeMs((int) Math.min(Integer.MAX_VALUE, round.throttleMs));
            return round;
        });
    }

    /**
     * Charges a partition's records to its shard's read budget, or drops them while the shard still owes earlier reads;
     * raises the round's throttle time to the time until the shard is paid off.
     */
    private MemoryRecords charge(Slot slot, MemoryRecords records, Round round) {
        int shard = slot.shard.shard();
        if (records.sizeInBytes() == 0) {
            return records;
        }
        if (!limits.readable(slot.stream, shard)) {
            round.throttleMs = Math.max(round.throttleMs, limits.read(slot.stream, shard, 0));
            return MemoryRecords.EMPTY;
        }
        round.throttleMs = Math.max(round.throttleMs, limits.read(slot.stream, shard, records.sizeInBytes()));
        return records;
    }

    /**
     * The leading batches that fit in {@code budget} bytes; when {@code firstWithData}, at least the first batch
     * whatever its size (Kafka's {@code minOneMessage}).
     */
    private static MemoryRecords fitting(ReadResult result, int budget, boolean firstWithData) {
        int size = 0;
        for (StoredBatch batch : result.batches()) {
            int next = batch.data().remaining();
            if (size + next > budget && !(firstWithData && size == 0)) {
                break;
            }
            size += next;
        }
        if (size == 0) {
            return MemoryRecords.EMPTY;
        }
        return MemoryRecords.readableRecords(result.records().limit(size).slice());
    }

    /** One partition being read. */
    private static final class Slot {
        final Stream stream;
        final ShardRef shard;
        final FetchPartition partition;
        final PartitionData out;
        ReadResult result;
        Throwable failure;

        Slot(Stream stream, ShardRef shard, FetchPartition partition, PartitionData out) {
            this.stream = stream;
            this.shard = shard;
            this.partition = partition;
            this.out = out;
        }
    }

    private record ShardWait(ShardRef shard, long offset) {}

    /** The state of one read of every partition; assembled on one thread once every read completed. */
    private static final class Round {
        final FetchResponseData response = new FetchResponseData()
                .setThrottleTimeMs(0)
                .setErrorCode(Errors.NONE.code())
                .setSessionId(0);
        final List<ShardWait> waits = new ArrayList<>();
        final int maxBytes;
        int bytes;
        boolean failed;
        long throttleMs;

        Round(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        int remainingBytes() {
            return maxBytes - bytes;
        }

        void succeed(PartitionData out, long logStartOffset, long highWatermark, MemoryRecords records) {
            bytes += records.sizeInBytes();
            out.setErrorCode(Errors.NONE.code())
                    .setHighWatermark(highWatermark)
                    .setLastStableOffset(highWatermark)
                    .setLogStartOffset(logStartOffset)
                    .setPreferredReadReplica(-1)
                    .setRecords(records);
        }

        void fail(PartitionData out, Errors error) {
            failed = true;
            out.setErrorCode(error.code())
                    .setHighWatermark(-1)
                    .setLastStableOffset(-1)
                    .setLogStartOffset(-1)
                    .setPreferredReadReplica(-1)
                    .setRecords(MemoryRecords.EMPTY);
        }
    }
}
