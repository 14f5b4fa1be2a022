package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreatePartitionsRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;

/**
 * CreatePartitions on Kafka-origin topics: the new shards are opened and every open shard gets its share of a
 * uniform split of the hash-key space, in one {@link ShardStore#reshard} (DESIGN.md D4). Kinesis-origin streams
 * are refused with {@code INVALID_REQUEST}: their shards change through UpdateShardCount, SplitShard and
 * MergeShards. Explicit assignments are refused (one broker).
 */
public final class CreatePartitionsApi implements KafkaApi<CreatePartitionsRequest> {

    private final ShardStore store;

    public CreatePartitionsApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public CompletionStage<CreatePartitionsResponseData> handle(
            RequestContext context, CreatePartitionsRequest request) {
        boolean validateOnly = request.data().validateOnly();
        List<CompletableFuture<CreatePartitionsTopicResult>> results = new ArrayList<>();
        boolean tooMany = newPartitions(request) > CreateTopicsApi.MAX_PARTITIONS_PER_REQUEST;
        for (CreatePartitionsTopic topic : request.data().topics()) {
            results.add(
                    tooMany
                            ? CompletableFuture.completedFuture(failed(
                                    new CreatePartitionsTopicResult().setName(topic.name()),
                                    new ApiError(
                                            Errors.POLICY_VIOLATION,
                                            "Excessively large number of partitions per request.")))
                            : grow(topic, validateOnly).toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    CreatePartitionsResponseData response = new CreatePartitionsResponseData().setThrottleTimeMs(0);
                    for (CompletableFuture<CreatePartitionsTopicResult> result : results) {
                        response.results().add(result.join());
                    }
                    return response;
                });
    }

    /** The partitions the request would add, as Kafka's controller bounds one operation's records. */
    private long newPartitions(CreatePartitionsRequest request) {
        long total = 0;
        for (CreatePartitionsTopic topic : request.data().topics()) {
            Optional<Stream> stream = store.stream(topic.name());
            if (stream.isPresent()) {
                total +=
                        Math.max(0, (long) topic.count() - stream.get().shards().size());
            }
        }
        return total;
    }

    private CompletionStage<CreatePartitionsTopicResult> grow(CreatePartitionsTopic topic, boolean validateOnly) {
        CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(topic.name());
        Optional<Stream> found = store.stream(topic.name());
        ApiError invalid = found.isPresent()
                ? validate(found.get(), topic)
                : new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + topic.name() + "' does not exist.");
        if (invalid != null) {
            return CompletableFuture.completedFuture(failed(result, invalid));
        }
        if (validateOnly) {
            return CompletableFuture.completedFuture(result.setErrorCode(Errors.NONE.code()));
        }
        return store.reshard(topic.name(), change(found.get(), topic.count()))
                .handle((stream, failure) -> failure == null
                        ? result.setErrorCode(Errors.NONE.code())
                        : failed(result, KafkaErrors.apiError(failure)));
    }

    private static ApiError validate(Stream stream, CreatePartitionsTopic topic) {
        if (stream.origin() != StreamOrigin.KAFKA) {
            return new ApiError(
                    Errors.INVALID_REQUEST,
                    "Topic '" + stream.name() + "' is a Kinesis stream: change its shards with the Kinesis"
                            + " UpdateShardCount (or SplitShard/MergeShards) API.");
        }
        int current = stream.shards().size();
        if (topic.count() <= current) {
            return new ApiError(
                    Errors.INVALID_PARTITIONS,
                    "Topic currently has " + current + " partitions, which is higher than or equal to the requested "
                            + topic.count() + ".");
        }
        if (topic.assignments() != null) {
            return new ApiError(Errors.INVALID_REQUEST, "Replica assignments are not supported.");
        }
        return null;
    }

    /** New shards for partitions {@code [current, count)}, and every partition re-ranged to a uniform split. */
    static ShardChange change(Stream stream, int count) {
        List<HashKeyRange> ranges = HashKeyRange.uniform(count);
        Map<Integer, HashKeyRange> reranged = new HashMap<>();
        for (Shard shard : stream.shards()) {
            reranged.put(shard.index(), ranges.get(shard.index()));
        }
        List<NewShard> open = new ArrayList<>();
        for (int i = stream.shards().size(); i < count; i++) {
            open.add(NewShard.root(ranges.get(i)));
        }
        return new ShardChange(Set.of(), open, reranged);
    }

    private static CreatePartitionsTopicResult failed(CreatePartitionsTopicResult result, ApiError error) {
        return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
    }
}
