package io.shardgate.kafka.group.assignor;

import static io.shardgate.kafka.group.assignor.UniformAssignorTest.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {

    private static final Uuid T1 = new Uuid(0, 1);
    private static final Uuid T2 = new Uuid(0, 2);

    private final RangeAssignor assignor = new RangeAssignor();

    @Test
    void shouldCoPartitionTopicsWithEqualPartitionCounts() {
        // Given the example of KIP-848's range assignor: two members, two topics of three partitions
        GroupSpec group = GroupSpec.of(member("m1", T1, T2), member("m0", T1, T2));

        // When
        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 3, T2, 3)));

        // Then member ids decide the order, and each gets the same partition numbers of both topics
        assertThat(assignment.partitionsOf("m0")).isEqualTo(Map.of(T1, Set.of(0, 1), T2, Set.of(0, 1)));
        assertThat(assignment.partitionsOf("m1")).isEqualTo(Map.of(T1, Set.of(2), T2, Set.of(2)));
        assertThat(assignment.members().keySet()).containsExactly("m1", "m0");
    }

    @Test
    void shouldPutStaticMembersFirstByInstanceId() {
        GroupSpec group = GroupSpec.of(
                member("z", T1).withInstanceId("instance-1"),
                member("a", T1),
                member("b", T1).withInstanceId("instance-0"));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 3)));

        assertThat(assignment.partitionsOf("b")).isEqualTo(Map.of(T1, Set.of(0)));
        assertThat(assignment.partitionsOf("z")).isEqualTo(Map.of(T1, Set.of(1)));
        assertThat(assignment.partitionsOf("a")).isEqualTo(Map.of(T1, Set.of(2)));
    }

    @Test
    void shouldSplitEachTopicAmongItsOwnSubscribers() {
        GroupSpec group = GroupSpec.of(member("a", T1), member("b", T1, T2), member("c", T2));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 5, T2, 2)));

        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T1, Set.of(0, 1, 2))),
                        Map.entry("b", Map.of(T1, Set.of(3, 4), T2, Set.of(0))),
                        Map.entry("c", Map.of(T2, Set.of(1))));
    }

    @Test
    void shouldLeaveTheLastMembersEmptyWhenThereAreMoreMembersThanPartitions() {
        GroupSpec group = GroupSpec.of(member("a", T1), member("b", T1), member("c", T1));

        Assignment assignment = assignor.assign(group, TopicPartitions.of(Map.of(T1, 2)));

        assertThat(assignment.members())
                .containsExactly(
                        Map.entry("a", Map.of(T1, Set.of(0))),
                        Map.entry("b", Map.of(T1, Set.of(1))),
                        Map.entry("c", Map.of()));
    }

    @Test
    void shouldIgnoreTheCurrentAssignment() {
        GroupSpec fresh = GroupSpec.of(member("a", T1), member("b", T1));
        GroupSpec held = GroupSpec.of(
                member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(2, 3))),
                member("b", T1).withCurrentAssignment(Map.of(T1, Set.of(0, 1))));
        TopicPartitions topics = TopicPartitions.of(Map.of(T1, 4));

        assertThat(assignor.assign(held, topics)).isEqualTo(assignor.assign(fresh, topics));
        assertThat(assignor.assign(held, topics).partitionsOf("a")).isEqualTo(Map.of(T1, Set.of(0, 1)));
    }

    @Test
    void shouldAssignNothingToAnEmptyGroupOrToMembersWithoutSubscription() {
        TopicPartitions topics = TopicPartitions.of(Map.of(T1, 4));

        assertThat(assignor.assign(GroupSpec.of(List.of()), topics).members()).isEmpty();
        assertThat(assignor.assign(GroupSpec.of(MemberSpec.of("a", Set.of()), member("b", T1)), topics)
                        .members())
                .containsExactly(Map.entry("a", Map.of()), Map.entry("b", Map.of(T1, Set.of(0, 1, 2, 3))));
    }
}
