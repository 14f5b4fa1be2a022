package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.RecordTimestamp;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * ListOffsets, as Apache Kafka answers it for a partition without tiered storage: earliest and earliest-local = log
 * start offset; latest = high watermark (which is also the last stable offset until transactions exist); by
 * timestamp = the first record in offset order whose own timestamp (create time, or append time on
 * {@code LogAppendTime} topics) is at least the target; max timestamp = the first record with the largest timestamp;
 * latest-tiered and earliest-pending-upload = offset -1. Lookups that find nothing answer offset -1 and timestamp -1
 * without an error. A special timestamp newer than the request version, or a partition listed twice, fails that
 * partition as Kafka does. This node is every partition's leader at epoch {@link TopicMapping#LEADER_EPOCH}.
 */
public final class ListOffsetsApi implements KafkaApi<ListOffsetsRequest> {

    private final ShardStore store;

    public ListOffsetsApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 11;
    }

    @Override
    public CompletionStage<ListOffsetsResponseData> handle(RequestContext context, ListOffsetsRequest request) {
        short version = context.apiVersion();
        ListOffsetsResponseData response = new ListOffsetsResponseData().setThrottleTimeMs(0);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ListOffsetsTopic topic : request.data().topics()) {
            ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            Optional<Stream> stream = store.stream(topic.name());
            for (ListOffsetsPartition partition : topic.partitions()) {
                ListOffsetsPartitionResponse out = notFound(partition.partitionIndex());
                topicResponse.partitions().add(out);
                if (!seen.add(topic.name() + "-" + partition.partitionIndex())) {
                    out.setErrorCode(Errors.INVALID_REQUEST.code());
                } else if (unsupported(partition.timestamp(), version)) {
                    out.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
                } else if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partitionIndex())) {
                    out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } else {
                    Errors epochError = TopicMapping.checkLeaderEpoch(partition.currentLeaderEpoch());
                    if (epochError != Errors.NONE) {
                        out.setErrorCode(epochError.code());
                    } else {
                        lookups.add(lookup(
                                TopicMapping.shard(stream.get(), partition.partitionIndex()),
                                partition.timestamp(),
                                version,
                                out));
                    }
                }
            }
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> response);
    }

    private CompletableFuture<Void> lookup(
            ShardRef shard, long timestamp, short version, ListOffsetsPartitionResponse out) {
        CompletionStage<Void> done;
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            done = store.offsets(shard).thenAccept(offsets -> found(out, offsets.logStartOffset(), -1, version));
        } else if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            done = store.offsets(shard).thenAccept(offsets -> found(out, offsets.highWatermark(), -1, version));
        } else if (timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP) {
            out.setErrorCode(Errors.NONE.code());
            return CompletableFuture.completedFuture(null);
        } else if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
            done = store.maxTimestamp(shard).thenAccept(record -> found(out, record, version));
        } else {
            done = store.offsetForTimestamp(shard, timestamp).thenAccept(record -> found(out, record, version));
        }
        return done.exceptionally(failure -> {
                    out.setErrorCode(KafkaErrors.apiError(failure).error().code());
                    return null;
                })
                .toCompletableFuture();
    }

    /** Whether a special timestamp is newer than the request version (Kafka's {@code isListOffsetsTimestampUnsupported}). */
    private static boolean unsupported(long timestamp, short version) {
        return (timestamp == ListOffsetsRequest.MAX_TIMESTAMP && version < 7)
                || (timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP && version < 8)
                || (timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP && version < 9)
                || (timestamp == ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP && version < 11);
    }

    private static ListOffsetsPartitionResponse notFound(int partition) {
        return new ListOffsetsPartitionResponse()
                .setPartitionIndex(partition)
                .setErrorCode(Errors.NONE.code())
                .setTimestamp(RecordBatch.NO_TIMESTAMP)
                .setOffset(ListOffsetsResponse.UNKNOWN_OFFSET)
                .setLeaderEpoch(ListOffsetsResponse.UNKNOWN_EPOCH);
    }

    private static void found(ListOffsetsPartitionResponse out, Optional<RecordTimestamp> record, short version) {
        record.ifPresentOrElse(
                r -> found(out, r.offset(), r.timestampMs(), version), () -> out.setErrorCode(Errors.NONE.code()));
    }

    private static void found(ListOffsetsPartitionResponse out, long offset, long timestamp, short version) {
        out.setErrorCode(Errors.NONE.code()).setOffset(offset).setTimestamp(timestamp);
        if (version >= 4) {
            out.setLeaderEpoch(TopicMapping.LEADER_EPOCH);
        }
    }
}
