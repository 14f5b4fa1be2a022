package io.shardgate.kafka.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetCommitRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.Position;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * OffsetCommit, checked as Kafka's classic group coordinator checks it: members of a group commit with their member
 * id and generation ({@code UNKNOWN_MEMBER_ID}, {@code FENCED_INSTANCE_ID}, {@code ILLEGAL_GENERATION},
 * {@code REBALANCE_IN_PROGRESS} otherwise); a commit with no member id and a negative generation (an
 * {@code assign()} consumer with a {@code group.id}, or the Admin client) is accepted while the group is Empty. The
 * offsets go to the store's group positions (DESIGN.md D9), in one transaction; the group then exists. A commit
 * that names a member of a group without members fails with {@code UNKNOWN_MEMBER_ID}, or for a group that does not
 * exist {@code GROUP_ID_NOT_FOUND} (v9+) / {@code ILLEGAL_GENERATION}. Metadata above Kafka's {@code offset.metadata.max.bytes} (4096) gets
 * {@code OFFSET_METADATA_TOO_LARGE}, unknown partitions {@code UNKNOWN_TOPIC_OR_PARTITION} (by id:
 * {@code UNKNOWN_TOPIC_ID}). The committed leader epoch is kept with the offset.
 */
public final class OffsetCommitApi implements KafkaApi<OffsetCommitRequest> {

    /** Kafka's default {@code offset.metadata.max.bytes}. */
    static final int MAX_METADATA_CHARS = 4096;

    private final ShardStore store;
    private final GroupCoordinator coordinator;

    public OffsetCommitApi(ShardStore store, GroupCoordinator coordinator) {
        this.store = store;
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 10;
    }

    @Override
    public CompletionStage<OffsetCommitResponseData> handle(RequestContext context, OffsetCommitRequest request) {
        OffsetCommitRequestData data = request.data();
        OffsetCommitResponseData response = new OffsetCommitResponseData().setThrottleTimeMs(0);
        Map<OffsetCommitResponsePartition, ShardRef> valid = new LinkedHashMap<>();
        Map<ShardRef, Position> positions = new LinkedHashMap<>();
        Map<Uuid, Set<Integer>> committed = new HashMap<>();
        for (OffsetCommitRequestTopic topic : data.topics()) {
            OffsetCommitResponseTopic topicResponse =
                    new OffsetCommitResponseTopic().setName(topic.name()).setTopicId(topic.topicId());
            response.topics().add(topicResponse);
            Optional<Stream> stream = TopicMapping.resolve(store, topic.name(), topic.topicId());
            boolean byId = topic.name() == null || topic.name().isEmpty();
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                OffsetCommitResponsePartition out =
                        new OffsetCommitResponsePartition().setPartitionIndex(partition.partitionIndex());
                topicResponse.partitions().add(out);
                String metadata = partition.committedMetadata() == null ? "" : partition.committedMetadata();
                if (stream.isEmpty() || !TopicMapping.hasPartition(stream.get(), partition.partitionIndex())) {
                    out.setErrorCode((byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
                } else if (metadata.length() > MAX_METADATA_CHARS) {
                    out.setErrorCode(Errors.OFFSET_METADATA_TOO_LARGE.code());
                } else {
                    ShardRef shard = TopicMapping.shard(stream.get(), partition.partitionIndex());
                    committed
                            .computeIfAbsent(TopicMapping.topicId(stream.get()), id -> new HashSet<>())
                            .add(partition.partitionIndex());
                    valid.put(out, shard);
                    positions.put(
                            shard,
                            new Position(partition.committedOffset(), partition.committedLeaderEpoch(), metadata));
                }
            }
        }
        if (!GroupIds.valid(data.groupId())) {
            return CompletableFuture.completedFuture(failAll(response, Errors.INVALID_GROUP_ID));
        }
        String memberId = data.memberId() == null ? "" : data.memberId();
        boolean simple = data.generationIdOrMemberEpoch() < 0 && memberId.isEmpty() && data.groupInstanceId() == null;
        return coordinator
                .validateOffsetCommit(
                        data.groupId(),
                        memberId,
                        data.groupInstanceId(),
                        data.generationIdOrMemberEpoch(),
                        context.apiVersion(),
                        committed)
                .thenCompose(verdict -> {
                    if (verdict.isPresent() || simple) {
                        return CompletableFuture.completedFuture(verdict.orElse(Errors.NONE));
                    }
                    // No members: the group exists only through its offsets, if at all.
                    return store.positions(data.groupId())
                            .thenApply(existing -> notAMember(existing.isEmpty(), context.apiVersion()));
                })
                .thenCompose(error -> {
                    if (error != Errors.NONE) {
                        return CompletableFuture.completedFuture(failAll(response, error));
                    }
                    return commit(data.groupId(), positions, valid, response);
                });
    }

    private CompletionStage<OffsetCommitResponseData> commit(
            String groupId,
            Map<ShardRef, Position> positions,
            Map<OffsetCommitResponsePartition, ShardRef> valid,
            OffsetCommitResponseData response) {
        if (positions.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        return store.commitPositions(groupId, positions).handle((done, failure) -> {
            Errors error = failure == null
                    ? Errors.NONE
                    : KafkaErrors.apiError(failure).error();
            valid.keySet().forEach(partition -> partition.setErrorCode(error.code()));
            return response;
        });
    }

    private static Errors notAMember(boolean groupIsNew, short version) {
        if (!groupIsNew) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        return version >= 9 ? Errors.GROUP_ID_NOT_FOUND : Errors.ILLEGAL_GENERATION;
    }

    private static OffsetCommitResponseData failAll(OffsetCommitResponseData response, Errors error) {
        for (OffsetCommitResponseTopic topic : response.topics()) {
            topic.partitions().forEach(partition -> partition.setErrorCode(error.code()));
        }
        return response;
    }
}
