package io.shardgate.kafka.group.assignor;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/** The assignment being built: members by index (their position in the group spec), with partition counts. */
final class MemberPartitions {

    private final List<MemberSpec> members;
    private final List<Map<Uuid, Set<Integer>>> partitions;
    private final int[] sizes;

    MemberPartitions(List<MemberSpec> members) {
        this.members = members;
        this.partitions = members.stream()
                .map(member -> (Map<Uuid, Set<Integer>>) new TreeMap<Uuid, Set<Integer>>())
                .toList();
        this.sizes = new int[members.size()];
    }

    void add(int member, Uuid topicId, int partition) {
        if (partitions
                .get(member)
                .computeIfAbsent(topicId, id -> new TreeSet<>())
                .add(partition)) {
            sizes[member]++;
        }
    }

    void remove(int member, Uuid topicId, int partition) {
        Set<Integer> set = partitions.get(member).get(topicId);
        if (set != null && set.remove(partition)) {
            sizes[member]--;
            if (set.isEmpty()) {
                partitions.get(member).remove(topicId);
            }
        }
    }

    /** How many partitions the member holds now. */
    int size(int member) {
        return sizes[member];
    }

    Assignment toAssignment() {
        Map<String, Map<Uuid, Set<Integer>>> result = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            result.put(members.get(i).memberId(), partitions.get(i));
        }
        return new Assignment(result);
    }

    /** Every member of the group, each with nothing. */
    static Assignment nothingFor(GroupSpec group) {
        return new MemberPartitions(group.members()).toAssignment();
    }

    /** Topic id → the partitions some member currently holds; rejects partitions beyond a topic's count. */
    static Map<Uuid, BitSet> heldPartitions(List<MemberSpec> members, TopicPartitions topics) {
        Map<Uuid, BitSet> held = new HashMap<>();
        for (MemberSpec member : members) {
            member.currentAssignment().forEach((topicId, partitions) -> {
                int count = topics.partitionCount(topicId).orElse(Integer.MAX_VALUE);
                for (int partition : partitions) {
                    if (partition >= count) {
                        throw new IllegalArgumentException("member " + member.memberId() + " holds partition " + topicId
                                + "-" + partition + " but the topic has " + count + " partitions");
                    }
                    held.computeIfAbsent(topicId, id -> new BitSet()).set(partition);
                }
            });
        }
        return held;
    }
}
