package io.shardgate.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One reconciliation step per row: revocation before assignment, unreleased partitions, epochs. */
class ReconciliationTest {

    private static final Uuid T = new Uuid(0, 1);
    private static final Uuid U = new Uuid(0, 2);

    /** Partitions of topic U held by another member at epoch 9; everything else is free. */
    private static final Reconciliation.PartitionEpochs U_HELD_ELSEWHERE =
            (topicId, partition) -> topicId.equals(U) && partition < 2 ? 9 : -1;

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of(
                        "new member gets its free target at the target epoch",
                        member(MemberState.STABLE, 0, Map.of(), Map.of()),
                        10,
                        Map.of(T, Set.of(0, 1)),
                        Map.of(),
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1)), Map.of())),
                Arguments.of(
                        "reconciled member is left alone",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1)), Map.of()),
                        10,
                        Map.of(T, Set.of(0, 1, 2)),
                        Map.of(T, Set.of(0, 1)),
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1)), Map.of())),
                Arguments.of(
                        "partitions to revoke come first, at the current epoch, and nothing new is given",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1, 2)), Map.of()),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(5)),
                        Map.of(T, Set.of(0, 1, 2)),
                        member(MemberState.UNREVOKED_PARTITIONS, 10, Map.of(T, Set.of(0)), Map.of(T, Set.of(1, 2)))),
                Arguments.of(
                        "a member that does not report what it owns is assumed to own its partitions",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1)), Map.of()),
                        11,
                        Map.of(T, Set.of(0)),
                        null,
                        member(MemberState.UNREVOKED_PARTITIONS, 10, Map.of(T, Set.of(0)), Map.of(T, Set.of(1)))),
                Arguments.of(
                        "a member that no longer owns the partitions to revoke goes straight to the target",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0, 1)), Map.of()),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(5)),
                        Map.of(T, Set.of(0)),
                        member(MemberState.STABLE, 11, Map.of(T, Set.of(0), U, Set.of(5)), Map.of())),
                Arguments.of(
                        "still owning a revoked partition keeps the member waiting",
                        member(MemberState.UNREVOKED_PARTITIONS, 10, Map.of(T, Set.of(0)), Map.of(T, Set.of(1))),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(5)),
                        Map.of(T, Set.of(0, 1)),
                        member(MemberState.UNREVOKED_PARTITIONS, 10, Map.of(T, Set.of(0)), Map.of(T, Set.of(1)))),
                Arguments.of(
                        "once revoked, the member moves on and gets its new partitions",
                        member(MemberState.UNREVOKED_PARTITIONS, 10, Map.of(T, Set.of(0)), Map.of(T, Set.of(1))),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(5)),
                        Map.of(T, Set.of(0)),
                        member(MemberState.STABLE, 11, Map.of(T, Set.of(0), U, Set.of(5)), Map.of())),
                Arguments.of(
                        "partitions still held by another member are not given yet",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0)), Map.of()),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(0, 1, 2)),
                        Map.of(T, Set.of(0)),
                        member(MemberState.UNRELEASED_PARTITIONS, 11, Map.of(T, Set.of(0), U, Set.of(2)), Map.of())),
                Arguments.of(
                        "only unreleased partitions: the member waits at the target epoch",
                        member(MemberState.STABLE, 10, Map.of(T, Set.of(0)), Map.of()),
                        11,
                        Map.of(T, Set.of(0), U, Set.of(0, 1)),
                        Map.of(T, Set.of(0)),
                        member(MemberState.UNRELEASED_PARTITIONS, 11, Map.of(T, Set.of(0)), Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void shouldTakeKafkasReconciliationStep(
            String description,
            ConsumerGroupMember member,
            int targetEpoch,
            Map<Uuid, Set<Integer>> target,
            Map<Uuid, Set<Integer>> owned,
            ConsumerGroupMember expected) {
        // When
        ConsumerGroupMember next = Reconciliation.reconcile(member, targetEpoch, target, U_HELD_ELSEWHERE, owned);

        // Then
        assertThat(next.state()).as("state").isEqualTo(expected.state());
        assertThat(next.memberEpoch()).as("epoch").isEqualTo(expected.memberEpoch());
        assertThat(next.assignedPartitions()).as("assigned").isEqualTo(expected.assignedPartitions());
        assertThat(next.partitionsPendingRevocation())
                .as("pending revocation")
                .isEqualTo(expected.partitionsPendingRevocation());
    }

    @org.junit.jupiter.api.Test
    void shouldFreeAPartitionOnceItsOwnerRevokesIt() {
        // Given a group where m1 must give partition 1 to m2
        ConsumerGroup group = new ConsumerGroup("g");
        group.updateMember(member("m1", MemberState.STABLE, 1, Map.of(T, Set.of(0, 1)), Map.of()));
        group.updateMember(member("m2", MemberState.STABLE, 1, Map.of(), Map.of()));
        Map<Uuid, Set<Integer>> m2Target = Map.of(T, Set.of(1));
        group.groupEpoch(2);
        group.targetAssignment(2, Map.of("m1", Map.of(T, Set.of(0)), "m2", m2Target));

        // When m1 is asked to revoke, m2 waits for the partition
        ConsumerGroupMember m1 = Reconciliation.reconcile(
                group.member("m1"), 2, Map.of(T, Set.of(0)), group::partitionEpoch, Map.of(T, Set.of(0, 1)));
        group.updateMember(m1);
        ConsumerGroupMember m2 =
                Reconciliation.reconcile(group.member("m2"), 2, m2Target, group::partitionEpoch, Map.of());
        group.updateMember(m2);
        assertThat(m2.state()).isEqualTo(MemberState.UNRELEASED_PARTITIONS);
        assertThat(m2.assignedPartitions()).isEmpty();
        assertThat(group.state()).isEqualTo(ConsumerGroup.State.RECONCILING);

        // Then after m1 reports the revocation, m2 gets it and the group is stable
        group.updateMember(Reconciliation.reconcile(
                group.member("m1"), 2, Map.of(T, Set.of(0)), group::partitionEpoch, Map.of(T, Set.of(0))));
        ConsumerGroupMember m2After =
                Reconciliation.reconcile(group.member("m2"), 2, m2Target, group::partitionEpoch, Map.of());
        group.updateMember(m2After);
        assertThat(m2After.assignedPartitions()).isEqualTo(Map.of(T, Set.of(1)));
        assertThat(m2After.state()).isEqualTo(MemberState.STABLE);
        assertThat(group.state()).isEqualTo(ConsumerGroup.State.STABLE);
    }

    private static ConsumerGroupMember member(
            MemberState state, int epoch, Map<Uuid, Set<Integer>> assigned, Map<Uuid, Set<Integer>> revoking) {
        return member("m", state, epoch, assigned, revoking);
    }

    private static ConsumerGroupMember member(
            String id,
            MemberState state,
            int epoch,
            Map<Uuid, Set<Integer>> assigned,
            Map<Uuid, Set<Integer>> revoking) {
        return ConsumerGroupMember.joining(id).toBuilder()
                .memberEpoch(epoch)
                .state(state)
                .assignedPartitions(assigned)
                .partitionsPendingRevocation(revoking)
                .build();
    }
}
