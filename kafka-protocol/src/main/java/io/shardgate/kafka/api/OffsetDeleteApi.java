package io.shardgate.kafka.api;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetDeleteRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * OffsetDelete ({@code kafka-consumer-groups --delete-offsets}): the committed offsets of the given partitions are
 * deleted in one transaction; unknown partitions answer {@code UNKNOWN_TOPIC_OR_PARTITION}, partitions of topics the
 * members of a consumer group subscribe to {@code GROUP_SUBSCRIBED_TO_TOPIC}; a group with members of another
 * protocol type gets {@code NON_EMPTY_GROUP}, an unknown group (no members, no offsets) {@code GROUP_ID_NOT_FOUND}.
 */
public final class OffsetDeleteApi implements KafkaApi<OffsetDeleteRequest> {

    private final ShardStore store;
    private final GroupCoordinator coordinator;

    public OffsetDeleteApi(ShardStore store, GroupCoordinator coordinator) {
        this.store = store;
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_DELETE;
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
    public CompletionStage<OffsetDeleteResponseData> handle(RequestContext context, OffsetDeleteRequest request) {
        String group = request.data().groupId();
        OffsetDeleteResponseData response = new OffsetDeleteResponseData().setThrottleTimeMs(0);
        if (!GroupIds.valid(group)) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return coordinator
                .offsetDeleteCheck(group)
                .thenCombine(store.positions(group), (check, positions) -> {
                    if (check.isEmpty() && positions.isEmpty()) {
                        return Optional.of(new GroupCoordinator.OffsetDeleteCheck(Errors.GROUP_ID_NOT_FOUND, Set.of()));
                    }
                    return check.or(() -> Optional.of(new GroupCoordinator.OffsetDeleteCheck(Errors.NONE, Set.of())));
                })
                .thenCompose(checked -> {
                    GroupCoordinator.OffsetDeleteCheck check = checked.orElseThrow();
                    if (check.error() != Errors.NONE) {
                        return CompletableFuture.completedFuture(
                                response.setErrorCode(check.error().code()));
                    }
                    Set<ShardRef> shards = new HashSet<>();
                    for (OffsetDeleteRequestTopic topic : request.data().topics()) {
                        OffsetDeleteResponseTopic out = new OffsetDeleteResponseTopic().setName(topic.name());
                        response.topics().add(out);
                        Optional<Stream> stream = store.stream(topic.name());
                        for (OffsetDeleteRequestPartition partition : topic.partitions()) {
                            int index = partition.partitionIndex();
                            boolean known = stream.isPresent() && TopicMapping.hasPartition(stream.get(), index);
                            boolean subscribed = check.subscribedTopics().contains(topic.name());
                            Errors error = !known
                                    ? Errors.UNKNOWN_TOPIC_OR_PARTITION
                                    : subscribed ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
                            out.partitions()
                                    .add(new OffsetDeleteResponsePartition()
                                            .setPartitionIndex(index)
                                            .setErrorCode(error.code()));
                            if (error == Errors.NONE) {
                                shards.add(TopicMapping.shard(stream.get(), index));
                            }
                        }
                    }
                    response.setErrorCode(Errors.NONE.code());
                    if (shards.isEmpty()) {
                        return CompletableFuture.completedFuture(response);
                    }
                    return store.deletePositions(group, shards).thenApply(deleted -> response);
                })
                .exceptionally(failure -> response.setErrorCode(
                        KafkaErrors.apiError(failure).error().code()));
    }
}
