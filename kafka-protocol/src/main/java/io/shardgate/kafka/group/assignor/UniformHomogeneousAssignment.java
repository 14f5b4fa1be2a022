package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;

/**
 * Uniform assignment when every member subscribes to the same topics.
 *
 * <p>With {@code P} partitions over {@code M} members, every member gets {@code P / M} and {@code P % M} of them
 * one more. In one pass over the members (group order) each keeps its current partitions of subscribed topics up to
 * its quota, walking its current assignment in ascending topic id, then ascending partition; what exceeds the quota
 * is released. A member is offered one of the extra partitions while any are left; it keeps the offer if it already
 * holds that many partitions, or if too few members remain after it to take the extras left, and otherwise passes
 * it on to the members after it (so extras go to members that already have them, which keeps partitions in place).
 *
 * <p>The partitions to hand out are then, in this order: the partitions nobody holds (topics in {@link HashOrder}
 * order, partitions ascending), then the released ones in the order they were released. Members still under quota
 * take them in group order, each its missing count in one run.
 */
final class UniformHomogeneousAssignment {

    private UniformHomogeneousAssignment() {}

    private record TopicPartition(Uuid topicId, int partition) {}

    static Assignment compute(GroupSpec group, TopicPartitions topics) {
        List<MemberSpec> members = group.members();
        Set<Uuid> subscribed = members.get(0).subscribedTopicIds();
        MemberPartitions result = new MemberPartitions(members);
        if (subscribed.isEmpty()) {
            return result.toAssignment();
        }

        Map<Uuid, BitSet> held = MemberPartitions.heldPartitions(members, topics);
        List<TopicPartition> toHandOut = new ArrayList<>();
        long total = 0;
        for (Uuid topicId : HashOrder.ofTopicIds(subscribed)) {
            int count = topics.subscribedPartitionCount(topicId);
            BitSet topicHeld = held.getOrDefault(topicId, new BitSet());
            for (int partition = 0; partition < count; partition++) {
                if (!topicHeld.get(partition)) {
                    toHandOut.add(new TopicPartition(topicId, partition));
                }
            }
            total += count;
        }

        int minQuota = (int) (total / members.size());
        int membersWithOneMore = (int) (total % members.size());
        int[] missing = new int[members.size()];
        for (int member = 0; member < members.size(); member++) {
            boolean extra = membersWithOneMore > 0;
            int quota = extra ? minQuota + 1 : minQuota;
            for (Map.Entry<Uuid, Set<Integer>> current :
                    members.get(member).currentAssignment().entrySet()) {
                if (!subscribed.contains(current.getKey())) {
                    continue;
                }
                for (int partition : current.getValue()) {
                    if (quota > 0) {
                        result.add(member, current.getKey(), partition);
                        quota--;
                    } else {
                        toHandOut.add(new TopicPartition(current.getKey(), partition));
                    }
                }
            }
            // A member that does not already hold its extra partition leaves it to a later member, as long as
            // enough members are left to take all the extra partitions.
            int membersLeft = members.size() - member;
            if (quota > 0 && extra && membersLeft > membersWithOneMore) {
                quota--;
                extra = false;
            }
            if (extra) {
                membersWithOneMore--;
            }
            missing[member] = quota;
        }

        int next = 0;
        for (int member = 0; member < members.size(); member++) {
            for (int i = 0; i < missing[member] && next < toHandOut.size(); i++, next++) {
                result.add(
                        member,
                        toHandOut.get(next).topicId(),
                        toHandOut.get(next).partition());
            }
        }
        if (next < toHandOut.size()) {
            // Cannot happen for a valid group spec (no partition held twice); kept as Kafka's guard.
            throw new AssignmentException("Partitions were left unassigned");
        }
        return result.toAssignment();
    }
}
