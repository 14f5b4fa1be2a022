package io.shardgate.kafka.group.assignor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class UniformAssignorTest {

    private static final Uuid T1 = new Uuid(0, 1);
    private static final Uuid T2 = new Uuid(0, 2);

    private final UniformAssignor assignor = new UniformAssignor();

    @Test
    void shouldAssignNothingToAnEmptyGroup() {
        Assignment assignment = assignor.assign(GroupSpec.of(List.of()), TopicPartitions.of(Map.of(T1, 3)));

        assertThat(assignment.members()).isEmpty();
    }

    @Test
    void shouldSplitPartitionsEvenlyAndGiveTheExtraOnesToTheLastMembers() {
        // Given 7 partitions for 3 members that hold nothing
        GroupSpec group = GroupSpec.of(member("a", T1), member("b", T1), member("c", T1));

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 7)));

        // Then the first members pass the extra partition on: Kafka 4.4 gives it to members already holding it
        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T1, Set.of(0, 1))),
                        Map.entry("b", Map.of(T1, Set.of(2, 3))),
                        Map.entry("c", Map.of(T1, Set.of(4, 5, 6))));
    }

    @Test
    void shouldMoveOnlyOnePartitionWhenAMemberJoins() {
        // Given three members holding two partitions each
        GroupSpec group = GroupSpec.of(
                member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(0, 1))),
                member("b", T1).withCurrentAssignment(Map.of(T1, Set.of(2, 3))),
                member("c", T1).withCurrentAssignment(Map.of(T1, Set.of(4, 5))),
                member("d", T1));

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 6)));

        // Then a and b keep both (they take the two extra slots), c gives up its last partition to d
        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T1, Set.of(0, 1))),
                        Map.entry("b", Map.of(T1, Set.of(2, 3))),
                        Map.entry("c", Map.of(T1, Set.of(4))),
                        Map.entry("d", Map.of(T1, Set.of(5))));
    }

    @Test
    void shouldKeepEveryPartitionInPlaceWhenAMemberLeaves() {
        // Given c, which held 4 and 5, has left
        GroupSpec group = GroupSpec.of(
                member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(0, 1))),
                member("b", T1).withCurrentAssignment(Map.of(T1, Set.of(2, 3))));

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 6)));

        // Then only c's partitions move
        assertThat(assignment.partitionsOf("a")).isEqualTo(Map.of(T1, Set.of(0, 1, 4)));
        assertThat(assignment.partitionsOf("b")).isEqualTo(Map.of(T1, Set.of(2, 3, 5)));
    }

    @Test
    void shouldLeaveMembersEmptyWhenATopicHasFewerPartitionsThanMembers() {
        GroupSpec group = GroupSpec.of(member("a", T1), member("b", T1), member("c", T1), member("d", T1));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 2)));

        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of()),
                        Map.entry("b", Map.of()),
                        Map.entry("c", Map.of(T1, Set.of(0))),
                        Map.entry("d", Map.of(T1, Set.of(1))));
    }

    @Test
    void shouldDropPartitionsOfTopicsTheGroupNoLongerSubscribesTo() {
        GroupSpec group = GroupSpec.of(
                member("a", T2).withCurrentAssignment(Map.of(T1, Set.of(0, 1), T2, Set.of(0))), member("b", T2));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 2, T2, 2)));

        assertThat(assignment.partitionsOf("a")).isEqualTo(Map.of(T2, Set.of(0)));
        assertThat(assignment.partitionsOf("b")).isEqualTo(Map.of(T2, Set.of(1)));
    }

    @Test
    void shouldBalanceHeterogeneousSubscriptionsAcrossTheMembersOfEachTopic() {
        // Given a reads T1, b reads T1 and T2, c reads T2; three partitions each
        GroupSpec group = GroupSpec.of(member("a", T1), member("b", T1, T2), member("c", T2));
        assertThat(group.subscriptionType()).isEqualTo(SubscriptionType.HETEROGENEOUS);

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 3, T2, 3)));

        // Then T1 (smaller id, equal partitions per subscriber) is handed out first, each member ends with two
        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T1, Set.of(0, 2))),
                        Map.entry("b", Map.of(T1, Set.of(1), T2, Set.of(2))),
                        Map.entry("c", Map.of(T2, Set.of(0, 1))));
    }

    @Test
    void shouldMovePartitionsFromTheMostToTheLeastLoadedSubscriber() {
        // Given b holds all of T1 and c joins; a only reads T2
        GroupSpec group = GroupSpec.of(
                member("a", T2).withCurrentAssignment(Map.of(T2, Set.of(0, 1))),
                member("b", T1).withCurrentAssignment(Map.of(T1, Set.of(0, 1, 2, 3))),
                member("c", T1));

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 4, T2, 2)));

        // Then b gives its highest partitions to c; a keeps T2
        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T2, Set.of(0, 1))),
                        Map.entry("b", Map.of(T1, Set.of(0, 1))),
                        Map.entry("c", Map.of(T1, Set.of(2, 3))));
    }

    @Test
    void shouldGiveNothingToAMemberWithoutSubscriptionAndTakeBackWhatItHeld() {
        GroupSpec group = GroupSpec.of(
                member("a", T1), MemberSpec.of("b", Set.of()).withCurrentAssignment(Map.of(T1, Set.of(0, 1))));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 4)));

        assertThat(assignment.partitionsOf("a")).isEqualTo(Map.of(T1, Set.of(0, 1, 2, 3)));
        assertThat(assignment.partitionsOf("b")).isEmpty();
        assertThat(assignment.members()).containsOnlyKeys("a", "b");
    }

    @Test
    void shouldAssignNothingWhenNobodySubscribes() {
        GroupSpec group = GroupSpec.of(
                MemberSpec.of("a", Set.of()).withCurrentAssignment(Map.of(T1, Set.of(0))),
                MemberSpec.of("b", Set.of()));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 4)));

        assertThat(assignment.members()).containsExactly(Map.entry("a", Map.of()), Map.entry("b", Map.of()));
    }

    @Test
    void shouldRefuseACurrentPartitionBeyondTheTopicsPartitionCount() {
        GroupSpec group = GroupSpec.of(member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(5))));

        assertThatThrownBy(() -> assignor.assign(group, TopicPartitions.of(Map.of(T1, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition");
    }

    @Test
    void shouldGiveTheSameAssignmentForTheSameInput() {
        GroupSpec group = GroupSpec.of(
                member("a", T1, T2).withCurrentAssignment(Map.of(T2, Set.of(3, 4))),
                member("b", T1, T2),
                member("c", T1, T2).withCurrentAssignment(Map.of(T1, Set.of(0))));
        TopicPartitions topics = TopicPartitions.of(Map.of(T1, 5, T2, 7));

        Assignment first = assignor.assign(group, topics);

        assertThat(assignor.assign(group, topics)).isEqualTo(first);
        assertThat(first.members().values().stream()
                        .mapToInt(m -> m.values().stream().mapToInt(Set::size).sum()))
                .containsExactly(4, 4, 4);
    }

    static MemberSpec member(String id, Uuid... topics) {
        return MemberSpec.of(id, Set.of(topics));
    }
}
