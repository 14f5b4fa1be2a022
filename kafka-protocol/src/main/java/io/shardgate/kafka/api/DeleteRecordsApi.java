package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteRecordsRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;

/**
 * DeleteRecords on Kafka-origin topics: the log start offset moves to the requested offset ({@code -1}: the high
 * watermark) and the answer carries the new low watermark. Kinesis-origin streams are refused with {@code
 * POLICY_VIOLATION} (the response has no message field): Kinesis records are immutable until retention removes
 * them.
 */
public final class DeleteRecordsApi implements KafkaApi<DeleteRecordsRequest> {

    /** The offset Kafka reads as "up to the high watermark". */
    static final long HIGH_WATERMARK = -1L;

    private final ShardStore store;

    public DeleteRecordsApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_RECORDS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletionStage<DeleteRecordsResponseData> handle(RequestContext context, DeleteRecordsRequest request) {
        DeleteRecordsResponseData response = new DeleteRecordsResponseData().setThrottleTimeMs(0);
        List<CompletableFuture<?>> deletes = new ArrayList<>();
        for (DeleteRecordsTopic topic : request.data().topics()) {
            DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
            response.topics().add(topicResult);
            Optional<Stream> stream = store.stream(topic.name());
            for (DeleteRecordsPartition partition : topic.partitions()) {
                DeleteRecordsPartitionResult out = new DeleteRecordsPartitionResult()
                        .setPartitionIndex(partition.partitionIndex())
                        .setLowWatermark(-1);
                topicResult.partitions().add(out);
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partitionIndex())) {
                    out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } else if (stream.get().origin() != StreamOrigin.KAFKA) {
                    out.setErrorCode(Errors.POLICY_VIOLATION.code());
                } else if (partition.offset() < HIGH_WATERMARK) {
                    out.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
                } else {
                    deletes.add(delete(TopicMapping.shard(stream.get(), partition.partitionIndex()), partition, out));
                }
            }
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                .thenApply(done -> response);
    }

    private CompletableFuture<Void> delete(
            ShardRef shard, DeleteRecordsPartition partition, DeleteRecordsPartitionResult out) {
        CompletionStage<Long> target = partition.offset() == HIGH_WATERMARK
                ? store.offsets(shard).thenApply(offsets -> offsets.highWatermark())
                : CompletableFuture.completedFuture(partition.offset());
        return target.thenCompose(offset -> store.deleteBefore(shard, offset))
                .handle((lowWatermark, failure) -> {
                    if (failure == null) {
                        out.setErrorCode(Errors.NONE.code()).setLowWatermark(lowWatermark);
                    } else {
                        ApiError error = KafkaErrors.apiError(failure);
                        out.setErrorCode(error.error().code());
                    }
                    return (Void) null;
                })
                .toCompletableFuture();
    }
}
