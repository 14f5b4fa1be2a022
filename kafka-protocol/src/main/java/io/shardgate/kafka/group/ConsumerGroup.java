package io.shardgate.kafka.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.Uuid;

import io.shardgate.kafka.group.assignor.PartitionAssignors;

/**
 * One KIP-848 consumer group as Kafka's coordinator keeps it: the group epoch (bumped when subscriptions, members or
 * the subscribed topics change), the target assignment and its epoch, the members in the order they joined, the
 * static members by instance id, the epoch at which each partition is held, and the subscribed topics' metadata
 * the target was computed from. Only the coordinator thread touches it.
 */
final class ConsumerGroup {

    /** The states Kafka reports for a consumer group. */
    enum State {
        EMPTY("Empty"),
        ASSIGNING("Assigning"),
        RECONCILING("Reconciling"),
        STABLE("Stable");

        private final String kafkaName;

        State(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        String kafkaName() {
            return kafkaName;
        }
    }

    /** A subscribed topic as the target assignment saw it. */
    record TopicMetadata(Uuid id, String name, int partitions) {}

    private final String groupId;
    private int groupEpoch;
    private int assignmentEpoch;
    private final Map<String, ConsumerGroupMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Map<String, Map<Uuid, Set<Integer>>> targetAssignment = new HashMap<>();
    private final Map<Uuid, Map<Integer, Integer>> partitionEpochs = new HashMap<>();
    private Map<String, TopicMetadata> subscriptionMetadata = Map.of();
    /** Member id → topic id → partition → the member epoch at which the member got the partition. */
    private final Map<String, Map<Uuid, Map<Integer, Integer>>> assignmentEpochs = new HashMap<>();

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    int groupEpoch() {
        return groupEpoch;
    }

    void groupEpoch(int epoch) {
        groupEpoch = epoch;
    }

    int assignmentEpoch() {
        return assignmentEpoch;
    }

    Map<String, TopicMetadata> subscriptionMetadata() {
        return subscriptionMetadata;
    }

    void subscriptionMetadata(Map<String, TopicMetadata> metadata) {
        subscriptionMetadata = Map.copyOf(metadata);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    Collection<ConsumerGroupMember> members() {
        return members.values();
    }

    ConsumerGroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    /** The static member with this instance id, or {@code null}. */
    ConsumerGroupMember staticMember(String instanceId) {
        String memberId = instanceId == null ? null : staticMembers.get(instanceId);
        return memberId == null ? null : members.get(memberId);
    }

    State state() {
        if (members.isEmpty()) {
            return State.EMPTY;
        }
        if (groupEpoch > assignmentEpoch) {
            return State.ASSIGNING;
        }
        for (ConsumerGroupMember member : members.values()) {
            if (!member.isReconciledTo(assignmentEpoch)) {
                return State.RECONCILING;
            }
        }
        return State.STABLE;
    }

    /** Adds or replaces a member, keeping its place in the join order and the partition epochs up to date. */
    void updateMember(ConsumerGroupMember member) {
        ConsumerGroupMember old = members.put(member.memberId(), member);
        Map<Uuid, Map<Integer, Integer>> oldEpochs = assignmentEpochs.getOrDefault(member.memberId(), Map.of());
        Map<Uuid, Map<Integer, Integer>> newEpochs = new HashMap<>();
        for (Map<Uuid, Set<Integer>> partitions :
                List.of(member.assignedPartitions(), member.partitionsPendingRevocation())) {
            partitions.forEach((topicId, set) -> set.forEach(partition -> newEpochs
                    .computeIfAbsent(topicId, id -> new HashMap<>())
                    .put(
                            partition,
                            oldEpochs.getOrDefault(topicId, Map.of()).getOrDefault(partition, member.memberEpoch()))));
        }
        assignmentEpochs.put(member.memberId(), newEpochs);
        if (old != null) {
            release(old);
            if (old.instanceId() != null && !old.instanceId().equals(member.instanceId())) {
                staticMembers.remove(old.instanceId());
            }
        }
        hold(member);
        if (member.instanceId() != null) {
            staticMembers.put(member.instanceId(), member.memberId());
        }
    }

    /** Removes a member with its target assignment; its partitions become free. */
    void removeMember(String memberId) {
        ConsumerGroupMember old = members.remove(memberId);
        assignmentEpochs.remove(memberId);
        if (old != null) {
            release(old);
            if (old.instanceId() != null && memberId.equals(staticMembers.get(old.instanceId()))) {
                staticMembers.remove(old.instanceId());
            }
        }
        targetAssignment.remove(memberId);
    }

    /**
     * The member epoch at which a member got a partition it holds (assigned or pending revocation), or {@code null}
     * when it does not hold it: Kafka 4.4 accepts an offset commit of an older epoch for such partitions.
     */
    Integer assignmentEpoch(String memberId, Uuid topicId, int partition) {
        return assignmentEpochs
                .getOrDefault(memberId, Map.of())
                .getOrDefault(topicId, Map.of())
                .get(partition);
    }

    /** The epoch at which a partition is held (assigned or pending revocation), or {@code -1}. */
    int partitionEpoch(Uuid topicId, int partition) {
        Map<Integer, Integer> epochs = partitionEpochs.get(topicId);
        if (epochs == null) {
            return -1;
        }
        return epochs.getOrDefault(partition, -1);
    }

    private void hold(ConsumerGroupMember member) {
        setEpochs(member.assignedPartitions(), member.memberEpoch());
        setEpochs(member.partitionsPendingRevocation(), member.memberEpoch());
    }

    private void setEpochs(Map<Uuid, Set<Integer>> partitions, int epoch) {
        partitions.forEach((topicId, set) -> {
            Map<Integer, Integer> epochs = partitionEpochs.computeIfAbsent(topicId, id -> new HashMap<>());
            set.forEach(partition -> epochs.put(partition, epoch));
        });
    }

    private void release(ConsumerGroupMember member) {
        clearEpochs(member.assignedPartitions(), member.memberEpoch());
        clearEpochs(member.partitionsPendingRevocation(), member.memberEpoch());
    }

    private void clearEpochs(Map<Uuid, Set<Integer>> partitions, int epoch) {
        partitions.forEach((topicId, set) -> {
            Map<Integer, Integer> epochs = partitionEpochs.get(topicId);
            if (epochs != null) {
                set.forEach(partition -> epochs.remove(partition, epoch));
                if (epochs.isEmpty()) {
                    partitionEpochs.remove(topicId);
                }
            }
        });
    }

    /** A member's target partitions; empty when it has none. */
    Map<Uuid, Set<Integer>> targetAssignment(String memberId) {
        return targetAssignment.getOrDefault(memberId, Map.of());
    }

    Map<String, Map<Uuid, Set<Integer>>> targetAssignment() {
        return targetAssignment;
    }

    /** Installs a new target assignment computed for this epoch. */
    void targetAssignment(int epoch, Map<String, Map<Uuid, Set<Integer>>> assignment) {
        targetAssignment.clear();
        assignment.forEach((memberId, partitions) -> targetAssignment.put(memberId, Partitions.copy(partitions)));
        assignmentEpoch = epoch;
    }

    /** Moves a target assignment to a static member's new member id. */
    void moveTargetAssignment(String fromMemberId, String toMemberId) {
        Map<Uuid, Set<Integer>> target = targetAssignment.remove(fromMemberId);
        if (target != null) {
            targetAssignment.put(toMemberId, target);
        }
    }

    /** The assignor most members asked for (ties: by name), or the default {@code uniform}. */
    String preferredServerAssignor() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerGroupMember member : members.values()) {
            if (member.serverAssignor() != null) {
                counts.merge(member.serverAssignor(), 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best == null ? PartitionAssignors.DEFAULT_NAME : best;
    }

    /** Restores the epochs of a saved group (coordinator start-up). */
    void restoreEpochs(int savedGroupEpoch, int savedAssignmentEpoch) {
        groupEpoch = savedGroupEpoch;
        assignmentEpoch = savedAssignmentEpoch;
    }
}
