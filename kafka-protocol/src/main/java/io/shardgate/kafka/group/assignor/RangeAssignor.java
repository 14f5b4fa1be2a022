package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * The {@code range} assignor: each topic's partitions are cut into contiguous ranges, one per subscriber, in member
 * order; when every member subscribes to the same topics and the topics have equal partition counts, member
 * {@code i} gets the same partition numbers of every topic (co-partitioning, for joins).
 *
 * <p>Member order: static members first, by {@code group.instance.id}, then dynamic members by member id. For a
 * topic with {@code P} partitions and {@code S} subscribers, the {@code k}-th subscriber in that order gets {@code
 * P / S} partitions, one more if {@code k < P % S}, starting where the previous one stopped. A member whose range is
 * empty gets nothing of that topic.
 *
 * <p>As Kafka 4.4's server-side {@code RangeAssignor}: the current assignment plays no part (a restarted static
 * member keeps its ranges through its instance id, not through stickiness) and racks are not considered.
 */
public final class RangeAssignor implements PartitionAssignor {

    public static final String NAME = "range";

    /** Static members (by instance id) before dynamic members (by member id). */
    static final Comparator<MemberSpec> MEMBER_ORDER = Comparator.comparing(
                    (MemberSpec member) -> member.instanceId().isEmpty())
            .thenComparing(member -> member.instanceId().orElse(""))
            .thenComparing(member -> member.instanceId().isPresent() ? "" : member.memberId());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Assignment assign(GroupSpec group, TopicPartitions topics) {
        List<MemberSpec> members = group.members();
        MemberPartitions.heldPartitions(members, topics);
        List<Integer> order = new ArrayList<>();
        for (int member = 0; member < members.size(); member++) {
            order.add(member);
        }
        order.sort(Comparator.comparing(members::get, MEMBER_ORDER));

        Map<Uuid, Integer> subscriberCounts = new HashMap<>();
        for (MemberSpec member : members) {
            for (Uuid topicId : member.subscribedTopicIds()) {
                topics.subscribedPartitionCount(topicId);
                subscriberCounts.merge(topicId, 1, Integer::sum);
            }
        }

        Map<Uuid, Integer> nextPartition = new HashMap<>();
        Map<Uuid, Integer> subscribersServed = new HashMap<>();
        MemberPartitions result = new MemberPartitions(members);
        for (int member : order) {
            for (Uuid topicId : members.get(member).subscribedTopicIds()) {
                int partitions = topics.subscribedPartitionCount(topicId);
                int subscribers = subscriberCounts.get(topicId);
                int served = subscribersServed.merge(topicId, 1, Integer::sum) - 1;
                int size = partitions / subscribers + (served < partitions % subscribers ? 1 : 0);
                int start = nextPartition.getOrDefault(topicId, 0);
                int end = Math.min(start + size, partitions);
                nextPartition.put(topicId, end);
                for (int partition = start; partition < end; partition++) {
                    result.add(member, topicId, partition);
                }
            }
        }
        return result.toAssignment();
    }
}
