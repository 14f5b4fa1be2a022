package io.shardgate.kafka.group.assignor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.Uuid;

/**
 * A consumer group as an assignor sees it: its members, in order, and its subscription type.
 *
 * <p>The order of {@code members} is part of the input. Range assignment sorts the members itself; uniform
 * assignment walks them in this order (which members get the extra partitions of an uneven split, and ties between
 * equally loaded members), exactly as Kafka's assignor walks its group spec's members. Kafka's coordinator builds
 * that spec from a {@code HashMap} keyed by member id, so no list order reproduces a live broker's choices in
 * general; a coordinator should pass a stable order (for instance the order members joined in).
 *
 * @param members the members; member ids are unique and no partition is in two members' current assignments
 * @param subscriptionType {@link SubscriptionType#HOMOGENEOUS} only if every member subscribes to the same topic ids
 */
public record GroupSpec(List<MemberSpec> members, SubscriptionType subscriptionType) {

    public GroupSpec {
        members = List.copyOf(members);
        Objects.requireNonNull(subscriptionType, "subscriptionType");
        Set<String> memberIds = new HashSet<>();
        Map<Uuid, Map<Integer, String>> owners = new HashMap<>();
        for (MemberSpec member : members) {
            if (!memberIds.add(member.memberId())) {
                throw new IllegalArgumentException("member " + member.memberId() + " is listed twice");
            }
            member.currentAssignment().forEach((topicId, partitions) -> {
                Map<Integer, String> topicOwners = owners.computeIfAbsent(topicId, id -> new HashMap<>());
                for (int partition : partitions) {
                    String other = topicOwners.putIfAbsent(partition, member.memberId());
                    if (other != null) {
                        throw new IllegalArgumentException("partition " + topicId + "-" + partition
                                + " is assigned to both " + other + " and " + member.memberId());
                    }
                }
            });
        }
        if (subscriptionType == SubscriptionType.HOMOGENEOUS && !sameSubscriptions(members)) {
            throw new IllegalArgumentException("a HOMOGENEOUS group needs the same subscription for every member");
        }
    }

    /** A group whose subscription type is computed from the members' topic ids. */
    public static GroupSpec of(List<MemberSpec> members) {
        return new GroupSpec(
                members, sameSubscriptions(members) ? SubscriptionType.HOMOGENEOUS : SubscriptionType.HETEROGENEOUS);
    }

    /** A group whose subscription type is computed from the members' topic ids. */
    public static GroupSpec of(MemberSpec... members) {
        return of(List.of(members));
    }

    /** The members' ids, in order. */
    public List<String> memberIds() {
        return members.stream().map(MemberSpec::memberId).toList();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    private static boolean sameSubscriptions(List<MemberSpec> members) {
        return members.stream().map(MemberSpec::subscribedTopicIds).distinct().count() <= 1;
    }
}
