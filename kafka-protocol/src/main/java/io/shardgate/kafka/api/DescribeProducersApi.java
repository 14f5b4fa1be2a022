package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DescribeProducersRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.DescribeProducersResponseData.ProducerState;
import org.apache.kafka.common.message.DescribeProducersResponseData.TopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeProducersRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ProducerSnapshot;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * DescribeProducers ({@code kafka-transactions describe-producers}, {@code Admin.describeProducers}): the idempotent
 * producers each partition remembers, with their epoch, last sequence and last batch timestamp. Without
 * transactions no producer has a coordinator epoch or an open transaction (-1 for both).
 */
public final class DescribeProducersApi implements KafkaApi<DescribeProducersRequest> {

    private final ShardStore store;

    public DescribeProducersApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_PRODUCERS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletionStage<DescribeProducersResponseData> handle(
            RequestContext context, DescribeProducersRequest request) {
        DescribeProducersResponseData response = new DescribeProducersResponseData().setThrottleTimeMs(0);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (TopicRequest topic : request.data().topics()) {
            TopicResponse topicResponse = new TopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            Optional<Stream> stream = store.stream(topic.name());
            for (int partition : topic.partitionIndexes()) {
                PartitionResponse out = new PartitionResponse().setPartitionIndex(partition);
                topicResponse.partitions().add(out);
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition)) {
                    out.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                lookups.add(store.producers(TopicMapping.shard(stream.get(), partition))
                        .thenAccept(producers -> {
                            out.setErrorCode(Errors.NONE.code());
                            producers.forEach(producer -> out.activeProducers().add(state(producer)));
                        })
                        .exceptionally(failure -> {
                            ApiError error = KafkaErrors.apiError(failure);
                            out.setErrorCode(error.error().code()).setErrorMessage(error.message());
                            return null;
                        })
                        .toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(done -> response);
    }

    private static ProducerState state(ProducerSnapshot producer) {
        return new ProducerState()
                .setProducerId(producer.producerId())
                .setProducerEpoch(producer.epoch())
                .setLastSequence(producer.lastSequence())
                .setLastTimestamp(producer.lastTimestampMs())
                .setCoordinatorEpoch(-1)
                .setCurrentTxnStartOffset(-1);
    }
}
