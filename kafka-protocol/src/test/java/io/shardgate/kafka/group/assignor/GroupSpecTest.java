package io.shardgate.kafka.group.assignor;

import static io.shardgate.kafka.group.assignor.UniformAssignorTest.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class GroupSpecTest {

    private static final Uuid T1 = new Uuid(0, 1);
    private static final Uuid T2 = new Uuid(0, 2);

    @Test
    void shouldComputeTheSubscriptionTypeFromTheTopicIds() {
        assertThat(GroupSpec.of(member("a", T1, T2), member("b", T2, T1)).subscriptionType())
                .isEqualTo(SubscriptionType.HOMOGENEOUS);
        assertThat(GroupSpec.of(member("a", T1), member("b", T1, T2)).subscriptionType())
                .isEqualTo(SubscriptionType.HETEROGENEOUS);
        assertThat(GroupSpec.of(List.of()).subscriptionType()).isEqualTo(SubscriptionType.HOMOGENEOUS);
    }

    @Test
    void shouldAcceptHeterogeneousForEqualSubscriptionsButNotHomogeneousForDifferentOnes() {
        // Kafka calls a group heterogeneous when topic names differ even if they resolve to the same ids
        assertThat(new GroupSpec(List.of(member("a", T1), member("b", T1)), SubscriptionType.HETEROGENEOUS))
                .isNotNull();
        assertThatThrownBy(() -> new GroupSpec(List.of(member("a", T1), member("b", T2)), SubscriptionType.HOMOGENEOUS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseDuplicateMembersAndPartitionsHeldTwice() {
        assertThatThrownBy(() -> GroupSpec.of(member("a", T1), member("a", T1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> GroupSpec.of(
                        member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(0, 1))),
                        member("b", T1).withCurrentAssignment(Map.of(T1, Set.of(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both a and b");
    }

    @Test
    void shouldCopyItsInputIntoImmutableSortedCollections() {
        // Given mutable input
        Set<Uuid> topics = new HashSet<>(Set.of(T2, T1));
        Map<Uuid, Set<Integer>> current = new HashMap<>(Map.of(T2, new HashSet<>(Set.of(9, 1)), T1, Set.of()));
        List<MemberSpec> members = new ArrayList<>(
                List.of(new MemberSpec("a", java.util.Optional.empty(), java.util.Optional.empty(), topics, current)));

        // When
        GroupSpec group = GroupSpec.of(members);
        topics.clear();
        current.clear();
        members.clear();

        // Then
        MemberSpec member = group.members().get(0);
        assertThat(member.subscribedTopicIds()).containsExactly(T1, T2);
        assertThat(member.currentAssignment()).containsOnlyKeys(T2);
        assertThat(member.currentAssignment().get(T2)).containsExactly(1, 9);
        assertThatThrownBy(() -> member.subscribedTopicIds().add(T1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> group.members().add(member)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRefuseNegativePartitionsAndCounts() {
        assertThatThrownBy(() -> member("a", T1).withCurrentAssignment(Map.of(T1, Set.of(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicPartitions.of(Map.of(T1, -1))).isInstanceOf(IllegalArgumentException.class);
    }
}
