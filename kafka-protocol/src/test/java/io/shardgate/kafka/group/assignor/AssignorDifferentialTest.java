package io.shardgate.kafka.group.assignor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our assignors against Apache Kafka 4.4's own ({@code org.apache.kafka.coordinator.group.assignor.UniformAssignor}
 * and {@code RangeAssignor}, test scope): for seeded random inputs, both must produce equal assignments (docs/adr/0012).
 */
class AssignorDifferentialTest {

    private static final int SEEDS = 300;
    private static final int EVOLUTION_SEEDS = 100;
    private static final int EVOLUTION_STEPS = 12;

    static Stream<Arguments> assignorsAndSeeds() {
        return Stream.of(new UniformAssignor(), new RangeAssignor())
                .flatMap(assignor -> LongStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(assignor, seed)));
    }

    static Stream<Arguments> assignorsAndEvolutionSeeds() {
        return Stream.of(new UniformAssignor(), new RangeAssignor())
                .flatMap(assignor ->
                        LongStream.range(0, EVOLUTION_SEEDS).mapToObj(seed -> Arguments.of(assignor, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("assignorsAndSeeds")
    void shouldAssignAsKafkaDoesForRandomGroups(PartitionAssignor assignor, long seed) {
        // Given
        RandomGroups random = new RandomGroups(seed);
        RandomGroups.Input input = seed % 10 == 9 ? random.input(60, 24, 200) : random.input(12, 8, 24);

        // When / Then
        assertSameAsKafka(assignor, input);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("assignorsAndEvolutionSeeds")
    void shouldStayEqualToKafkaWhileAGroupEvolves(PartitionAssignor assignor, long seed) {
        // Given a group that starts from nothing and then, step by step, holds what it was assigned while members
        // join and leave, subscriptions change and topics grow
        RandomGroups random = new RandomGroups(1_000_000 + seed);
        RandomGroups.Input input = random.input(10, 6, 16);
        input = new RandomGroups.Input(
                random.groupSpec(input.group().members().stream()
                        .map(member -> member.withCurrentAssignment(Map.of()))
                        .toList()),
                input.topics());

        for (int step = 0; step < EVOLUTION_STEPS; step++) {
            // When / Then
            Assignment assignment = assertSameAsKafka(assignor, input);
            input = random.evolve(input, assignment, 16);
        }
    }

    @Test
    void shouldCoverHomogeneousAndHeterogeneousGroupsAndStickyInputs() {
        // The random inputs above must exercise every path; count what they contain.
        Map<SubscriptionType, Integer> byType = new EnumMap<>(SubscriptionType.class);
        int withCurrentAssignment = 0;
        int withManyTopicsHomogeneous = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            RandomGroups.Input input =
                    new RandomGroups(seed).input(seed % 10 == 9 ? 60 : 12, seed % 10 == 9 ? 24 : 8, 24);
            byType.merge(input.group().subscriptionType(), 1, Integer::sum);
            if (input.group().members().stream()
                    .anyMatch(member -> !member.currentAssignment().isEmpty())) {
                withCurrentAssignment++;
            }
            if (input.group().subscriptionType() == SubscriptionType.HOMOGENEOUS
                    && input.group().members().size() > 1
                    && input.group().members().get(0).subscribedTopicIds().size() >= 4) {
                withManyTopicsHomogeneous++;
            }
        }
        assertThat(byType.get(SubscriptionType.HOMOGENEOUS)).isGreaterThan(SEEDS / 4);
        assertThat(byType.get(SubscriptionType.HETEROGENEOUS)).isGreaterThan(SEEDS / 4);
        assertThat(withCurrentAssignment).isGreaterThan(SEEDS / 2);
        assertThat(withManyTopicsHomogeneous).isGreaterThan(SEEDS / 20);
    }

    @Test
    void shouldRefuseASubscriptionToAnUnknownTopicAsKafkaDoes() {
        Uuid known = Uuid.randomUuid();
        Uuid unknown = Uuid.randomUuid();
        TopicPartitions topics = TopicPartitions.of(Map.of(known, 3));
        List<GroupSpec> groups = List.of(
                GroupSpec.of(MemberSpec.of("a", Set.of(known, unknown)), MemberSpec.of("b", Set.of(known, unknown))),
                GroupSpec.of(MemberSpec.of("a", Set.of(known)), MemberSpec.of("b", Set.of(unknown))));
        for (PartitionAssignor assignor : List.of(new UniformAssignor(), new RangeAssignor())) {
            for (GroupSpec group : groups) {
                assertThatThrownBy(() -> assignor.assign(group, topics)).isInstanceOf(AssignmentException.class);
                assertThatThrownBy(
                                () -> KafkaReference.assign(KafkaReference.kafkaAssignorFor(assignor), group, topics))
                        .isInstanceOf(AssignmentException.class);
            }
        }
    }

    private static Assignment assertSameAsKafka(PartitionAssignor assignor, RandomGroups.Input input) {
        ConsumerGroupPartitionAssignor kafka = KafkaReference.kafkaAssignorFor(assignor);
        Assignment expected = KafkaReference.assign(kafka, input.group(), input.topics());

        Assignment actual = assignor.assign(input.group(), input.topics());

        assertThat(actual).as(() -> describe(input)).isEqualTo(expected);
        assertThat(new ArrayList<>(actual.members().keySet()))
                .isEqualTo(input.group().memberIds());
        return actual;
    }

    private static String describe(RandomGroups.Input input) {
        StringBuilder text = new StringBuilder("type " + input.group().subscriptionType() + ", topics "
                + input.topics().partitionCounts() + "\n");
        input.group().members().forEach(member -> text.append(member).append('\n'));
        return text.toString();
    }
}
