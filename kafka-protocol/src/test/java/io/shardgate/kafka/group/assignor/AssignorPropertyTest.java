package io.shardgate.kafka.group.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Rules every assignment must follow, whatever Kafka does: checked on random groups from jqwik's seeds. */
class AssignorPropertyTest {

    private static final List<PartitionAssignor> ASSIGNORS = List.of(new UniformAssignor(), new RangeAssignor());

    @Property(tries = 300)
    void everySubscribedPartitionGoesToExactlyOneSubscriber(@ForAll long seed) {
        RandomGroups.Input input = new RandomGroups(seed).input(12, 8, 24);
        for (PartitionAssignor assignor : ASSIGNORS) {
            Assignment assignment = assignor.assign(input.group(), input.topics());

            assertThat(assignment.members().keySet())
                    .containsExactlyElementsOf(input.group().memberIds());
            Map<Uuid, Map<Integer, String>> owners = new HashMap<>();
            for (MemberSpec member : input.group().members()) {
                assignment.partitionsOf(member.memberId()).forEach((topicId, partitions) -> {
                    assertThat(member.subscribedTopicIds()).as(assignor.name()).contains(topicId);
                    for (int partition : partitions) {
                        assertThat(owners.computeIfAbsent(topicId, id -> new HashMap<>())
                                        .put(partition, member.memberId()))
                                .as("%s assigned %s-%d twice", assignor.name(), topicId, partition)
                                .isNull();
                    }
                });
            }
            for (MemberSpec member : input.group().members()) {
                for (Uuid topicId : member.subscribedTopicIds()) {
                    assertThat(owners.getOrDefault(topicId, Map.of()))
                            .as(assignor.name())
                            .hasSize(input.topics().partitionCount(topicId).orElseThrow());
                }
            }
        }
    }

    @Property(tries = 300)
    void homogeneousUniformLoadsDifferByAtMostOne(@ForAll long seed) {
        RandomGroups.Input input = homogeneous(new RandomGroups(seed).input(12, 8, 24));

        Assignment assignment = new UniformAssignor().assign(input.group(), input.topics());

        List<Integer> loads = input.group().memberIds().stream()
                .map(assignment::partitionCountOf)
                .toList();
        if (!loads.isEmpty()) {
            assertThat(loads.stream().mapToInt(Integer::intValue).max().orElseThrow()
                            - loads.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .isLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 300)
    void homogeneousUniformNeverTakesAPartitionFromAMemberAtOrBelowTheMinimumQuota(@ForAll long seed) {
        RandomGroups.Input input = homogeneous(new RandomGroups(seed).input(12, 8, 24));
        if (input.group().isEmpty()) {
            return;
        }
        Set<Uuid> subscribed = input.group().members().get(0).subscribedTopicIds();
        int total = subscribed.stream()
                .mapToInt(id -> input.topics().partitionCount(id).orElseThrow())
                .sum();
        int minQuota = total / input.group().members().size();

        Assignment assignment = new UniformAssignor().assign(input.group(), input.topics());

        for (MemberSpec member : input.group().members()) {
            int held = 0;
            int kept = 0;
            for (Uuid topicId : subscribed) {
                Set<Integer> before = member.currentAssignment().getOrDefault(topicId, Set.of());
                Set<Integer> after = assignment.partitionsOf(member.memberId()).getOrDefault(topicId, Set.of());
                held += before.size();
                kept += (int) before.stream().filter(after::contains).count();
            }
            assertThat(kept).isGreaterThanOrEqualTo(Math.min(held, minQuota));
        }
    }

    @Property(tries = 200)
    void aHomogeneousAssignmentIsStableWhenNothingChanges(@ForAll long seed) {
        RandomGroups.Input input = homogeneous(new RandomGroups(seed).input(12, 8, 24));
        for (PartitionAssignor assignor : ASSIGNORS) {
            Assignment first = assignor.assign(input.group(), input.topics());
            GroupSpec holding = new GroupSpec(
                    input.group().members().stream()
                            .map(member -> member.withCurrentAssignment(first.partitionsOf(member.memberId())))
                            .toList(),
                    input.group().subscriptionType());

            assertThat(assignor.assign(holding, input.topics()))
                    .as(assignor.name())
                    .isEqualTo(first);
        }
    }

    private static RandomGroups.Input homogeneous(RandomGroups.Input input) {
        List<MemberSpec> members = input.group().members();
        Set<Uuid> common = members.isEmpty() ? Set.of() : members.get(0).subscribedTopicIds();
        return new RandomGroups.Input(
                GroupSpec.of(members.stream()
                        .map(member -> member.withSubscribedTopicIds(common))
                        .toList()),
                input.topics());
    }
}
