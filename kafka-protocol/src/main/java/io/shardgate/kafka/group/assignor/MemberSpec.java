package io.shardgate.kafka.group.assignor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.Uuid;

/**
 * One member of a consumer group, as an assignor sees it.
 *
 * <p>The collections are copied into immutable sorted ones (topic ids ascending, partitions ascending): where an
 * assignor walks a member's current assignment, it walks it in that order.
 *
 * @param memberId the member id (KIP-848: chosen by the client)
 * @param instanceId {@code group.instance.id} of a static member
 * @param rackId {@code client.rack}; carried for rack-aware assignment, which neither assignor does yet (neither
 *     does Kafka 4.4's)
 * @param subscribedTopicIds the ids of the existing topics the member subscribes to (names and regular expressions
 *     already resolved)
 * @param currentAssignment the member's current target assignment: topic id → partitions; topics with no partitions
 *     are dropped
 */
public record MemberSpec(
        String memberId,
        Optional<String> instanceId,
        Optional<String> rackId,
        Set<Uuid> subscribedTopicIds,
        Map<Uuid, Set<Integer>> currentAssignment) {

    public MemberSpec {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(rackId, "rackId");
        subscribedTopicIds = Copies.topicIds(subscribedTopicIds);
        currentAssignment = Copies.topicPartitions(currentAssignment);
    }

    /** A dynamic member without a rack and without a current assignment. */
    public static MemberSpec of(String memberId, Set<Uuid> subscribedTopicIds) {
        return new MemberSpec(memberId, Optional.empty(), Optional.empty(), subscribedTopicIds, Map.of());
    }

    /** This member with another current assignment. */
    public MemberSpec withCurrentAssignment(Map<Uuid, Set<Integer>> assignment) {
        return new MemberSpec(memberId, instanceId, rackId, subscribedTopicIds, assignment);
    }

    /** This member as a static member with the given {@code group.instance.id}. */
    public MemberSpec withInstanceId(String id) {
        return new MemberSpec(memberId, Optional.of(id), rackId, subscribedTopicIds, currentAssignment);
    }

    /** This member with another subscription. */
    public MemberSpec withSubscribedTopicIds(Set<Uuid> topicIds) {
        return new MemberSpec(memberId, instanceId, rackId, topicIds, currentAssignment);
    }
}
