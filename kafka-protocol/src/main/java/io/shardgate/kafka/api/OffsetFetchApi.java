package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetFetchRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.Position;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * OffsetFetch: a group's committed offsets from the store's group positions (DESIGN.md D9), for the partitions asked
 * or, with no topic list, every partition the group committed. A partition without a committed offset answers -1
 * with empty metadata and no error, as Kafka does for an unknown group too; the committed leader epoch is the one
 * committed. Versions 8+ ask for several groups at once and get a result per group; {@code require_stable} has nothing to
 * wait for until transactions exist. A member of a KIP-848 consumer group that names itself (v9+) must be a member at
 * that epoch: {@code UNKNOWN_MEMBER_ID} or {@code STALE_MEMBER_EPOCH} for the group otherwise, as Kafka answers.
 */
public final class OffsetFetchApi implements KafkaApi<OffsetFetchRequest> {

    private final ShardStore store;
    private final GroupCoordinator coordinator;

    public OffsetFetchApi(ShardStore store, GroupCoordinator coordinator) {
        this.store = store;
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_FETCH;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 10;
    }

    @Override
    public CompletionStage<OffsetFetchResponseData> handle(RequestContext context, OffsetFetchRequest request) {
        OffsetFetchRequestData data = request.data();
        if (context.apiVersion() >= 8) {
            List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>();
            for (OffsetFetchRequestGroup group : data.groups()) {
                groups.add(fetchAsMember(group));
            }
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new))
                    .thenApply(done -> {
                        OffsetFetchResponseData response = new OffsetFetchResponseData().setThrottleTimeMs(0);
                        groups.forEach(group -> response.groups().add(group.join()));
                        return response;
                    });
        }
        List<OffsetFetchRequestTopics> topics = null;
        if (data.topics() != null) {
            topics = new ArrayList<>();
            for (OffsetFetchRequestData.OffsetFetchRequestTopic topic : data.topics()) {
                topics.add(new OffsetFetchRequestTopics()
                        .setName(topic.name())
                        .setPartitionIndexes(topic.partitionIndexes()));
            }
        }
        return fetch(data.groupId(), topics).thenApply(OffsetFetchApi::singleGroup);
    }

    /** A v8+ group, whose member id and epoch (v9+) a KIP-848 consumer group checks first. */
    private CompletableFuture<OffsetFetchResponseGroup> fetchAsMember(OffsetFetchRequestGroup group) {
        if (!GroupIds.valid(group.groupId())) {
            return fetch(group.groupId(), group.topics());
        }
        return coordinator
                .validateOffsetFetch(group.groupId(), group.memberId(), group.memberEpoch())
                .thenCompose(error -> error == Errors.NONE
                        ? fetch(group.groupId(), group.topics())
                        : CompletableFuture.completedFuture(new OffsetFetchResponseGroup()
                                .setGroupId(group.groupId())
                                .setErrorCode(error.code())));
    }

    /** One group's answer in the v8+ shape; {@code topics} null asks for every committed partition. */
    private CompletableFuture<OffsetFetchResponseGroup> fetch(String groupId, List<OffsetFetchRequestTopics> topics) {
        OffsetFetchResponseGroup group = new OffsetFetchResponseGroup().setGroupId(groupId);
        if (!GroupIds.valid(groupId)) {
            return CompletableFuture.completedFuture(group.setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return store.positions(groupId)
                .handle((positions, failure) -> {
                    if (failure != null) {
                        return group.setErrorCode(
                                KafkaErrors.apiError(failure).error().code());
                    }
                    group.setErrorCode(Errors.NONE.code());
                    if (topics == null) {
                        all(positions, group);
                    } else {
                        requested(positions, topics, group);
                    }
                    return group;
                })
                .toCompletableFuture();
    }

    private void all(Map<ShardRef, Position> positions, OffsetFetchResponseGroup group) {
        Map<String, OffsetFetchResponseTopics> byTopic = new TreeMap<>();
        for (Map.Entry<ShardRef, Position> entry : positionsByName(positions).entrySet()) {
            ShardRef shard = entry.getKey();
            Uuid topicId =
                    store.stream(shard.stream()).map(TopicMapping::topicId).orElse(Uuid.ZERO_UUID);
            byTopic.computeIfAbsent(shard.stream(), name -> new OffsetFetchResponseTopics()
                            .setName(name)
                            .setTopicId(topicId))
                    .partitions()
                    .add(partition(shard.shard(), Optional.of(entry.getValue())));
        }
        group.topics().addAll(byTopic.values());
    }

    private void requested(
            Map<ShardRef, Position> positions, List<OffsetFetchRequestTopics> topics, OffsetFetchResponseGroup group) {
        for (OffsetFetchRequestTopics topic : topics) {
            Optional<Stream> stream = TopicMapping.resolve(store, topic.name(), topic.topicId());
            boolean byId = topic.name() == null || topic.name().isEmpty();
            OffsetFetchResponseTopics out = new OffsetFetchResponseTopics()
                    .setName(stream.map(Stream::name).orElse(topic.name()))
                    .setTopicId(topic.topicId());
            group.topics().add(out);
            for (int index : topic.partitionIndexes()) {
                if (byId && stream.isEmpty()) {
                    out.partitions()
                            .add(partition(index, Optional.empty()).setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
                    continue;
                }
                String name = stream.map(Stream::name).orElse(topic.name());
                out.partitions().add(partition(index, Optional.ofNullable(positions.get(new ShardRef(name, index)))));
            }
        }
    }

    private static Map<ShardRef, Position> positionsByName(Map<ShardRef, Position> positions) {
        Map<ShardRef, Position> sorted = new TreeMap<>((a, b) -> {
            int byStream = a.stream().compareTo(b.stream());
            return byStream != 0 ? byStream : Integer.compare(a.shard(), b.shard());
        });
        sorted.putAll(positions);
        return sorted;
    }

    private static OffsetFetchResponsePartitions partition(int index, Optional<Position> position) {
        return new OffsetFetchResponsePartitions()
                .setPartitionIndex(index)
                .setCommittedOffset(position.map(Position::offset).orElse(-1L))
                .setCommittedLeaderEpoch(position.map(Position::leaderEpoch).orElse(Position.NO_LEADER_EPOCH))
                .setMetadata(position.map(Position::metadata).orElse(""))
                .setErrorCode(Errors.NONE.code());
    }

    /** The v1–7 shape: one group's topics at the top level, its error in the top-level error code. */
    private static OffsetFetchResponseData singleGroup(OffsetFetchResponseGroup group) {
        OffsetFetchResponseData response =
                new OffsetFetchResponseData().setThrottleTimeMs(0).setErrorCode(group.errorCode());
        for (OffsetFetchResponseTopics topic : group.topics()) {
            OffsetFetchResponseTopic out = new OffsetFetchResponseTopic().setName(topic.name());
            for (OffsetFetchResponsePartitions partition : topic.partitions()) {
                out.partitions()
                        .add(new OffsetFetchResponsePartition()
                                .setPartitionIndex(partition.partitionIndex())
                                .setCommittedOffset(partition.committedOffset())
                                .setCommittedLeaderEpoch(partition.committedLeaderEpoch())
                                .setMetadata(partition.metadata())
                                .setErrorCode(partition.errorCode()));
            }
            response.topics().add(out);
        }
        return response;
    }
}
