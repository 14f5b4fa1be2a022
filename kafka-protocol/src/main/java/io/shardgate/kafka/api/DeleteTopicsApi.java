package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteTopicsRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * DeleteTopics by name (v1–5) or by name or topic id (v6): the stream leaves the catalog at once, its data is removed
 * in the background by the store. Unknown names get {@code UNKNOWN_TOPIC_OR_PARTITION}, unknown ids {@code
 * UNKNOWN_TOPIC_ID}. Kinesis-origin streams can be deleted too (D3: a topic is a stream).
 */
public final class DeleteTopicsApi implements KafkaApi<DeleteTopicsRequest> {

    private final ShardStore store;
    private final Limits limits;

    /** @param limits the budget ledger, which forgets a deleted topic's budgets */
    public DeleteTopicsApi(ShardStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletionStage<DeleteTopicsResponseData> handle(RequestContext context, DeleteTopicsRequest request) {
        List<CompletableFuture<DeletableTopicResult>> results = new ArrayList<>();
        for (DeleteTopicState topic : request.topics()) {
            results.add(delete(topic).toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    DeleteTopicsResponseData response = new DeleteTopicsResponseData().setThrottleTimeMs(0);
                    for (CompletableFuture<DeletableTopicResult> result : results) {
                        response.responses().add(result.join());
                    }
                    return response;
                });
    }

    private CompletionStage<DeletableTopicResult> delete(DeleteTopicState topic) {
        Uuid topicId = topic.topicId() == null ? Uuid.ZERO_UUID : topic.topicId();
        boolean byId = !Uuid.ZERO_UUID.equals(topicId);
        DeletableTopicResult result =
                new DeletableTopicResult().setName(topic.name()).setTopicId(topicId);
        Optional<Stream> stream = TopicMapping.resolve(store, topic.name(), topicId);
        if (stream.isEmpty()) {
            Errors error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            return CompletableFuture.completedFuture(
                    result.setErrorCode(error.code()).setErrorMessage(error.message()));
        }
        String name = stream.get().name();
        result.setName(name).setTopicId(TopicMapping.topicId(stream.get()));
        limits.forget(stream.get().id());
        return store.deleteStream(name).handle((done, failure) -> {
            if (failure == null) {
                return result.setErrorCode(Errors.NONE.code());
            }
            ApiError error = KafkaErrors.apiError(failure);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
        });
    }
}
