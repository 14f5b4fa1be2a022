package io.shardgate.kafka.api;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ProduceRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.AppendResult;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * Produce: each partition's record batches are appended to its shard as received (the store validates CRC, magic
 * and sizes and checks idempotent producers' sequences), all partitions in parallel; a batch larger than the
 * topic's {@code max.message.bytes} fails its partition with {@code MESSAGE_TOO_LARGE}; outcomes are merged into one
 * response with an error code per partition. The request buffer the records slice must stay unchanged until the
 * returned stage completes: the pipeline releases it only after the response is written.
 *
 * <p>On a topic with budgets (the Kinesis limits profiles, D8) each partition's records are charged to its shard's
 * write budget, as Kafka's produce quota records a request's bytes: they are stored and acknowledged all the same,
 * and the response's {@code throttle_time_ms} is the time until the most indebted shard is paid off (Kafka's {@code
 * (observed - quota) / quota × window}, KIP-219); the pipeline then stops reading the connection for that long.
 */
public final class ProduceApi implements KafkaApi<ProduceRequest> {

    private final ShardStore store;
    private final Limits limits;

    public ProduceApi(ShardStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public short minVersion() {
        return 3;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    @Override
    public CompletionStage<ProduceResponseData> handle(RequestContext context, ProduceRequest request) {
        List<TopicProduceResponse> topics = new ArrayList<>();
        List<CompletableFuture<?>> appends = new ArrayList<>();
        long throttleMs = 0;
        for (TopicProduceData topic : request.data().topicData()) {
            TopicProduceResponse topicResponse =
                    new TopicProduceResponse().setName(topic.name()).setTopicId(topic.topicId());
            topics.add(topicResponse);
            Optional<Stream> stream = TopicMapping.resolve(store, topic.name(), topic.topicId());
            for (PartitionProduceData partition : topic.partitionData()) {
                PartitionProduceResponse partitionResponse = new PartitionProduceResponse()
                        .setIndex(partition.index())
                        .setBaseOffset(-1)
                        .setLogAppendTimeMs(RecordBatch.NO_TIMESTAMP)
                        .setLogStartOffset(-1);
                topicResponse.partitionResponses().add(partitionResponse);
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.index())) {
                    boolean byId = topic.name() == null || topic.name().isEmpty();
                    fail(
                            partitionResponse,
                            new ApiError(byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION, null));
                    continue;
                }
                if (Limits.budgeted(stream.get())) {
                    throttleMs = Math.max(throttleMs, charge(stream.get(), partition));
                }
                appends.add(append(stream.get(), partition, partitionResponse));
            }
        }
        int throttleTimeMs = (int) Math.min(Integer.MAX_VALUE, throttleMs);
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    ProduceResponseData response = new ProduceResponseData().setThrottleTimeMs(throttleTimeMs);
                    topics.forEach(response.responses()::add);
                    return response;
                });
    }

    private CompletableFuture<Void> append(
            Stream stream, PartitionProduceData partition, PartitionProduceResponse out) {
        MemoryRecords records = (MemoryRecords) partition.records();
        int maxAppendBytes = maxAppendBytes(stream);
        if (records.sizeInBytes() > maxAppendBytes) {
            fail(
                    out,
                    new ApiError(
                            Errors.RECORD_LIST_TOO_LARGE,
                            "The record batch size in the append to " + stream.name() + "-" + partition.index()
                                    + " is " + records.sizeInBytes() + " bytes which exceeds the maximum configured "
                                    + "segment size of " + maxAppendBytes + "."));
            return CompletableFuture.completedFuture(null);
        }
        int maxBatchBytes = stream.settings().maxRecordBytes();
        int tooLarge = largestBatchAbove(records, maxBatchBytes);
        if (tooLarge > 0) {
            fail(
                    out,
                    new ApiError(
                            Errors.MESSAGE_TOO_LARGE,
                            "A record batch of " + tooLarge + " bytes exceeds max.message.bytes (" + maxBatchBytes
                                    + ") of topic '" + stream.name() + "'."));
            return CompletableFuture.completedFuture(null);
        }
        Optional<RecordValidation.Failure> invalid = RecordValidation.validate(
                records, stream.settings(), stream.name() + "-" + partition.index(), System.currentTimeMillis());
        if (invalid.isPresent()) {
            fail(out, new ApiError(invalid.get().error(), invalid.get().message()));
            out.setRecordErrors(invalid.get().recordErrors());
            return CompletableFuture.completedFuture(null);
        }
        ByteBuffer batches = records.buffer();
        boolean logAppendTime = stream.settings().timestampType() == TimestampType.LOG_APPEND_TIME;
        return store.append(TopicMapping.shard(stream, partition.index()), batches)
                .handle((AppendResult result, Throwable failure) -> {
                    if (failure != null) {
                        fail(out, errorFor(stream, partition.index(), failure));
                    } else {
                        out.setErrorCode(Errors.NONE.code())
                                .setBaseOffset(result.baseOffset())
                                .setLogStartOffset(result.logStartOffset())
                                .setLogAppendTimeMs(
                                        logAppendTime && !result.duplicate()
                                                ? result.appendTimeMs()
                                                : RecordBatch.NO_TIMESTAMP);
                    }
                    return (Void) null;
                })
                .toCompletableFuture();
    }

    /** Charges a partition's records and bytes to its shard's write budget; answers the throttle time. */
    private long charge(Stream stream, PartitionProduceData partition) {
        MemoryRecords records = (MemoryRecords) partition.records();
        int count = 0;
        try {
            for (RecordBatch batch : records.batches()) {
                count += (int) (batch.lastOffset() - batch.baseOffset() + 1);
            }
        } catch (RuntimeException malformed) {
            count = Math.max(count, 1); // the store refuses it; the bytes still count, as Kafka records them
        }
        return limits.write(stream, partition.index(), count, records.sizeInBytes());
    }

    /**
     * Kafka refuses a partition's records larger than the topic's {@code segment.bytes}; the store has its own cap on
     * one append ({@code store.maxBatchBytes}), which then acts as the segment size.
     */
    private int maxAppendBytes(Stream stream) {
        long segmentBytes = Long.parseLong(TopicConfigs.value(stream.settings(), TopicConfigs.SEGMENT_BYTES)
                .value());
        return (int) Math.min(segmentBytes, store.maxAppendBytes());
    }

    /** The size of the first batch larger than {@code max}, or 0; malformed batches are left to the store. */
    private static int largestBatchAbove(MemoryRecords records, int max) {
        if (records.sizeInBytes() <= max) {
            return 0;
        }
        try {
            for (RecordBatch batch : records.batches()) {
                if (batch.sizeInBytes() > max) {
                    return batch.sizeInBytes();
                }
            }
        } catch (RuntimeException malformed) {
            return 0;
        }
        return 0;
    }

    private ApiError errorFor(Stream stream, int partition, Throwable failure) {
        ApiError error = KafkaErrors.apiError(failure);
        if (KafkaErrors.unwrap(failure) instanceof ShardClosedException) {
            Stream current = store.stream(stream.name()).orElse(stream);
            String children = current.shards().stream()
                    .filter(s -> isChildOf(s, partition))
                    .map(s -> String.valueOf(s.index()))
                    .collect(Collectors.joining(", "));
            return new ApiError(
                    error.error(),
                    "Partition " + partition + " of topic '" + stream.name()
                            + "' is a closed Kinesis shard and takes no more records"
                            + (children.isEmpty() ? "" : "; write to its child partitions " + children));
        }
        return error;
    }

    private static boolean isChildOf(Shard shard, int parent) {
        return (shard.parent().isPresent() && shard.parent().getAsInt() == parent)
                || (shard.adjacentParent().isPresent() && shard.adjacentParent().getAsInt() == parent);
    }

    private static void fail(PartitionProduceResponse out, ApiError error) {
        out.setErrorCode(error.error().code()).setErrorMessage(error.message()).setBaseOffset(-1);
    }
}
