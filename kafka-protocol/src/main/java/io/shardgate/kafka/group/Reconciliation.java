package io.shardgate.kafka.group;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/**
 * Kafka's reconciliation of a KIP-848 member towards the group's target assignment: partitions are revoked before
 * new ones are given, and a partition is only given once its previous owner has released it.
 *
 * <ul>
 *   <li>STABLE at an older epoch: compute the next step (below).
 *   <li>UNREVOKED_PARTITIONS: wait until the member's owned partitions (as its heartbeat reports them) no longer
 *       include any partition pending revocation; then move to epoch + 1 and compute the next step.
 *   <li>UNRELEASED_PARTITIONS: compute the next step again; freed partitions are then given.
 * </ul>
 *
 * Next step: kept = assigned ∩ target; to revoke = assigned − kept; to give = target − kept − partitions still held
 * by another member. If something must be revoked (and the member still owns it): UNREVOKED_PARTITIONS at the
 * current epoch with only the kept partitions assigned. Else the member moves to the target epoch with kept + given,
 * in UNRELEASED_PARTITIONS if some target partitions are still held elsewhere, else STABLE.
 */
final class Reconciliation {
    private Reconciliation() {}

    /** Tells which epoch holds a partition now; {@code -1} when nobody does. */
    @FunctionalInterface
    interface PartitionEpochs {
        int epochOf(Uuid topicId, int partition);
    }

    /**
     * The member after one reconciliation step; the same instance when nothing changes.
     *
     * @param owned the partitions the member reports owning, or {@code null} when its heartbeat did not say
     */
    static ConsumerGroupMember reconcile(
            ConsumerGroupMember member,
            int targetAssignmentEpoch,
            Map<Uuid, Set<Integer>> target,
            PartitionEpochs partitionEpochs,
            Map<Uuid, Set<Integer>> owned) {
        return switch (member.state()) {
            case STABLE ->
                member.memberEpoch() == targetAssignmentEpoch
                        ? member
                        : next(member, member.memberEpoch(), targetAssignmentEpoch, target, partitionEpochs, owned);
            case UNREVOKED_PARTITIONS ->
                ownsAnyOf(owned, member.partitionsPendingRevocation())
                        ? member
                        : next(member, member.memberEpoch() + 1, targetAssignmentEpoch, target, partitionEpochs, owned);
            case UNRELEASED_PARTITIONS ->
                next(member, member.memberEpoch(), targetAssignmentEpoch, target, partitionEpochs, owned);
        };
    }

    private static ConsumerGroupMember next(
            ConsumerGroupMember member,
            int memberEpoch,
            int targetAssignmentEpoch,
            Map<Uuid, Set<Integer>> target,
            PartitionEpochs partitionEpochs,
            Map<Uuid, Set<Integer>> owned) {
        Map<Uuid, Set<Integer>> assigned = member.assignedPartitions();
        Map<Uuid, Set<Integer>> kept = new TreeMap<>();
        Map<Uuid, Set<Integer>> revoke = new TreeMap<>();
        Map<Uuid, Set<Integer>> give = new TreeMap<>();
        boolean unreleased = false;
        Set<Uuid> topics = new HashSet<>(target.keySet());
        topics.addAll(assigned.keySet());
        for (Uuid topicId : topics) {
            Set<Integer> targetPartitions = target.getOrDefault(topicId, Set.of());
            Set<Integer> current = assigned.getOrDefault(topicId, Set.of());
            Set<Integer> keep = new TreeSet<>(current);
            keep.retainAll(targetPartitions);
            Set<Integer> drop = new TreeSet<>(current);
            drop.removeAll(keep);
            Set<Integer> add = new TreeSet<>(targetPartitions);
            add.removeAll(keep);
            for (java.util.Iterator<Integer> it = add.iterator(); it.hasNext(); ) {
                if (partitionEpochs.epochOf(topicId, it.next()) != -1) {
                    it.remove();
                    unreleased = true;
                }
            }
            kept.put(topicId, keep);
            revoke.put(topicId, drop);
            give.put(topicId, add);
        }
        Map<Uuid, Set<Integer>> toRevoke = Partitions.copy(revoke);
        Map<Uuid, Set<Integer>> toGive = Partitions.copy(give);
        ConsumerGroupMember.Builder builder = member.toBuilder();
        if (!toRevoke.isEmpty() && ownsAnyOf(owned, toRevoke)) {
            return builder.state(MemberState.UNREVOKED_PARTITIONS)
                    .updateMemberEpoch(memberEpoch)
                    .assignedPartitions(kept)
                    .partitionsPendingRevocation(toRevoke)
                    .build();
        }
        toGive.forEach((topicId, partitions) ->
                kept.computeIfAbsent(topicId, id -> new TreeSet<>()).addAll(partitions));
        return builder.state(unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE)
                .updateMemberEpoch(targetAssignmentEpoch)
                .assignedPartitions(kept)
                .partitionsPendingRevocation(Map.of())
                .build();
    }

    /** Whether the member still owns one of these partitions; not knowing counts as owning. */
    private static boolean ownsAnyOf(Map<Uuid, Set<Integer>> owned, Map<Uuid, Set<Integer>> partitions) {
        if (owned == null) {
            return true;
        }
        for (Map.Entry<Uuid, Set<Integer>> entry : owned.entrySet()) {
            Set<Integer> pending = partitions.getOrDefault(entry.getKey(), Set.of());
            for (int partition : entry.getValue()) {
                if (pending.contains(partition)) {
                    return true;
                }
            }
        }
        return false;
    }
}
