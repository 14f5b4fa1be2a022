package io.shardgate.kafka.group;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.Uuid;

import io.shardgate.kafka.group.assignor.MemberSpec;

/**
 * One member of a KIP-848 consumer group, immutable: what the member told the coordinator (ids, subscription,
 * assignor, rebalance timeout) and where its reconciliation stands (member epoch, state, the partitions it is
 * assigned and those it must still revoke).
 *
 * @param memberId the id the client chose (v1) or the coordinator gave (v0)
 * @param instanceId {@code group.instance.id} of a static member, else {@code null}
 * @param rackId {@code client.rack}, or {@code null}
 * @param clientId the client id of its last heartbeat
 * @param clientHost the client's address as Kafka reports it
 * @param rebalanceTimeoutMs how long it may take to revoke partitions
 * @param subscribedTopicNames the topics it subscribes to by name (sorted)
 * @param subscribedTopicRegex the RE2/J regular expression it subscribes with, or {@code null}
 * @param serverAssignor the assignor it asked for, or {@code null}
 * @param memberEpoch its epoch; {@code -2} while a static member is away
 * @param previousMemberEpoch its epoch before the last bump
 * @param state its reconciliation state
 * @param assignedPartitions topic id → the partitions it may consume
 * @param partitionsPendingRevocation topic id → the partitions it must give up
 */
record ConsumerGroupMember(
        String memberId,
        String instanceId,
        String rackId,
        String clientId,
        String clientHost,
        int rebalanceTimeoutMs,
        List<String> subscribedTopicNames,
        String subscribedTopicRegex,
        String serverAssignor,
        int memberEpoch,
        int previousMemberEpoch,
        MemberState state,
        Map<Uuid, Set<Integer>> assignedPartitions,
        Map<Uuid, Set<Integer>> partitionsPendingRevocation) {

    ConsumerGroupMember {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(state, "state");
        subscribedTopicNames = subscribedTopicNames == null
                ? List.of()
                : subscribedTopicNames.stream().sorted().distinct().toList();
        assignedPartitions = Partitions.copy(assignedPartitions);
        partitionsPendingRevocation = Partitions.copy(partitionsPendingRevocation);
    }

    /** A member that has just joined: epoch 0, nothing assigned. */
    static ConsumerGroupMember joining(String memberId) {
        return new ConsumerGroupMember(
                memberId, null, null, "", "", -1, List.of(), null, null, 0, 0, MemberState.STABLE, Map.of(), Map.of());
    }

    boolean isStatic() {
        return instanceId != null;
    }

    /** Whether it holds its target at this target assignment epoch. */
    boolean isReconciledTo(int targetAssignmentEpoch) {
        return state == MemberState.STABLE && memberEpoch == targetAssignmentEpoch;
    }

    /** Whether it subscribes to anything, by name or by regular expression. */
    boolean subscribes() {
        return !subscribedTopicNames.isEmpty() || subscribedTopicRegex != null;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** The member as an assignor sees it. */
    MemberSpec toSpec(Set<Uuid> subscribedTopicIds, Map<Uuid, Set<Integer>> currentTarget) {
        return new MemberSpec(
                memberId,
                java.util.Optional.ofNullable(instanceId),
                java.util.Optional.ofNullable(rackId),
                subscribedTopicIds,
                currentTarget);
    }

    /** A copy with some fields changed. */
    static final class Builder {
        private String memberId;
        private String instanceId;
        private String rackId;
        private String clientId;
        private String clientHost;
        private int rebalanceTimeoutMs;
        private List<String> subscribedTopicNames;
        private String subscribedTopicRegex;
        private String serverAssignor;
        private int memberEpoch;
        private int previousMemberEpoch;
        private MemberState state;
        private Map<Uuid, Set<Integer>> assignedPartitions;
        private Map<Uuid, Set<Integer>> partitionsPendingRevocation;

        private Builder(ConsumerGroupMember m) {
            memberId = m.memberId;
            instanceId = m.instanceId;
            rackId = m.rackId;
            clientId = m.clientId;
            clientHost = m.clientHost;
            rebalanceTimeoutMs = m.rebalanceTimeoutMs;
            subscribedTopicNames = m.subscribedTopicNames;
            subscribedTopicRegex = m.subscribedTopicRegex;
            serverAssignor = m.serverAssignor;
            memberEpoch = m.memberEpoch;
            previousMemberEpoch = m.previousMemberEpoch;
            state = m.state;
            assignedPartitions = m.assignedPartitions;
            partitionsPendingRevocation = m.partitionsPendingRevocation;
        }

        Builder memberId(String value) {
            memberId = value;
            return this;
        }

        /** Values sent as {@code null} did not change since the last heartbeat: they are kept. */
        Builder maybeInstanceId(String value) {
            instanceId = value != null ? value : instanceId;
            return this;
        }

        Builder maybeRackId(String value) {
            rackId = value != null ? value : rackId;
            return this;
        }

        Builder maybeRebalanceTimeoutMs(int value) {
            rebalanceTimeoutMs = value != -1 ? value : rebalanceTimeoutMs;
            return this;
        }

        Builder maybeSubscribedTopicNames(List<String> value) {
            subscribedTopicNames = value != null ? value : subscribedTopicNames;
            return this;
        }

        /** An empty expression clears the regular expression subscription, as in Kafka. */
        Builder maybeSubscribedTopicRegex(String value) {
            if (value != null) {
                subscribedTopicRegex = value.isEmpty() ? null : value;
            }
            return this;
        }

        Builder maybeServerAssignor(String value) {
            serverAssignor = value != null ? value : serverAssignor;
            return this;
        }

        Builder client(String id, String host) {
            clientId = id;
            clientHost = host;
            return this;
        }

        /** Moves to an epoch, remembering the one before when it changes. */
        Builder updateMemberEpoch(int epoch) {
            if (epoch != memberEpoch) {
                previousMemberEpoch = memberEpoch;
            }
            memberEpoch = epoch;
            return this;
        }

        Builder memberEpoch(int epoch) {
            memberEpoch = epoch;
            return this;
        }

        Builder previousMemberEpoch(int epoch) {
            previousMemberEpoch = epoch;
            return this;
        }

        Builder state(MemberState value) {
            state = value;
            return this;
        }

        Builder assignedPartitions(Map<Uuid, Set<Integer>> value) {
            assignedPartitions = value;
            return this;
        }

        Builder partitionsPendingRevocation(Map<Uuid, Set<Integer>> value) {
            partitionsPendingRevocation = value;
            return this;
        }

        ConsumerGroupMember build() {
            return new ConsumerGroupMember(
                    memberId,
                    instanceId,
                    rackId,
                    clientId,
                    clientHost,
                    rebalanceTimeoutMs,
                    subscribedTopicNames,
                    subscribedTopicRegex,
                    serverAssignor,
                    memberEpoch,
                    previousMemberEpoch,
                    state,
                    assignedPartitions,
                    partitionsPendingRevocation);
        }
    }
}
