package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * ListOffsets: earliest and earliest-local = log start offset, latest = high watermark. By timestamp answers with
 * the first batch appended at or after that time ({@link ShardStore#offsetForAppendTime}): Kafka searches record
 * (create) timestamps instead, so the two differ for records whose create time is far from their append time. Max
 * timestamp is not supported yet and answers {@code UNSUPPORTED_VERSION} for its partitions. Leader epochs are
 * answered as unknown (-1), so clients skip leader-epoch validation.
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
        ListOffsetsResponseData response = new ListOffsetsResponseData().setThrottleTimeMs(0);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (ListOffsetsTopic topic : request.data().topics()) {
            ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            Optional<Stream> stream = store.stream(topic.name());
            for (ListOffsetsPartition partition : topic.partitions()) {
                ListOffsetsPartitionResponse out = new ListOffsetsPartitionResponse()
                        .setPartitionIndex(partition.partitionIndex())
                        .setTimestamp(RecordBatch.NO_TIMESTAMP)
                        .setOffset(-1)
                        .setLeaderEpoch(RecordBatch.NO_PARTITION_LEADER_EPOCH);
                topicResponse.partitions().add(out);
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partitionIndex())) {
                    out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                lookups.add(lookup(TopicMapping.shard(stream.get(), partition.partitionIndex()), partition, out));
            }
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> response);
    }

    private CompletableFuture<Void> lookup(
            ShardRef shard, ListOffsetsPartition partition, ListOffsetsPartitionResponse out) {
        long timestamp = partition.timestamp();
        CompletionStage<Void> done;
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            done = store.offsets(shard).thenAccept(offsets -> found(out, offsets.logStartOffset()));
        } else if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP) {
            done = store.offsets(shard).thenAccept(offsets -> found(out, offsets.highWatermark()));
        } else if (timestamp >= 0) {
            done = store.offsetForAppendTime(shard, timestamp).thenAccept(offset -> {
                if (offset.isPresent()) {
                    out.setErrorCode(Errors.NONE.code())
                            .setOffset(offset.getAsLong())
                            .setTimestamp(timestamp);
                } else {
                    out.setErrorCode(Errors.NONE.code());
                }
            });
        } else {
            out.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
            return CompletableFuture.completedFuture(null);
        }
        return done.exceptionally(failure -> {
                    out.setErrorCode(KafkaErrors.apiError(failure).error().code());
                    return null;
                })
                .toCompletableFuture();
    }

    private static void found(ListOffsetsPartitionResponse out, long offset) {
        out.setErrorCode(Errors.NONE.code()).setOffset(offset).setTimestamp(RecordBatch.NO_TIMESTAMP);
    }
}
