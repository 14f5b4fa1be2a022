package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * OffsetForLeaderEpoch, which consumers use to validate their positions after a leader change: every partition has
 * had one leader epoch, {@link TopicMapping#LEADER_EPOCH}, since its first offset, so the answers follow Kafka's
 * leader-epoch cache holding that single entry: the current epoch ends at the log end offset; an undefined or
 * newer epoch is unknown (-1, -1); an older one ends where epoch 0 starts, the log start offset.
 */
public final class OffsetForLeaderEpochApi implements KafkaApi<OffsetsForLeaderEpochRequest> {

    private final ShardStore store;

    public OffsetForLeaderEpochApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<OffsetForLeaderEpochResponseData> handle(
            RequestContext context, OffsetsForLeaderEpochRequest request) {
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData().setThrottleTimeMs(0);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (OffsetForLeaderTopic topic : request.data().topics()) {
            OffsetForLeaderTopicResult topicResult = new OffsetForLeaderTopicResult().setTopic(topic.topic());
            response.topics().add(topicResult);
            Optional<Stream> stream = store.stream(topic.topic());
            for (OffsetForLeaderPartition partition : topic.partitions()) {
                EpochEndOffset out = new EpochEndOffset()
                        .setPartition(partition.partition())
                        .setLeaderEpoch(OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH)
                        .setEndOffset(OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH_OFFSET);
                topicResult.partitions().add(out);
                Errors epochError = TopicMapping.checkLeaderEpoch(partition.currentLeaderEpoch());
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partition())) {
                    out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } else if (epochError != Errors.NONE) {
                    out.setErrorCode(epochError.code());
                } else {
                    lookups.add(store.offsets(TopicMapping.shard(stream.get(), partition.partition()))
                            .thenAccept(offsets -> endOf(partition.leaderEpoch(), offsets, out))
                            .exceptionally(failure -> {
                                out.setErrorCode(
                                        KafkaErrors.apiError(failure).error().code());
                                return null;
                            })
                            .toCompletableFuture());
                }
            }
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> response);
    }

    private static void endOf(int requestedEpoch, ShardOffsets offsets, EpochEndOffset out) {
        out.setErrorCode(Errors.NONE.code());
        if (requestedEpoch == TopicMapping.LEADER_EPOCH) {
            out.setLeaderEpoch(requestedEpoch).setEndOffset(offsets.highWatermark());
        } else if (requestedEpoch < TopicMapping.LEADER_EPOCH
                && requestedEpoch != OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH) {
            out.setLeaderEpoch(requestedEpoch).setEndOffset(offsets.logStartOffset());
        }
    }
}
