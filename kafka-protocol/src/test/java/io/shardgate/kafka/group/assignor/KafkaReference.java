package io.shardgate.kafka.group.assignor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.GroupAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberAssignment;
import org.apache.kafka.coordinator.group.api.assignor.MemberSubscription;
import org.apache.kafka.coordinator.group.api.assignor.PartitionAssignorException;
import org.apache.kafka.coordinator.group.api.assignor.SubscribedTopicDescriber;

/**
 * Runs Apache Kafka 4.4's own server-side assignors on the same input as ours and returns their answer in our
 * {@link Assignment} form.
 *
 * <p>Kafka's {@code GroupSpec} is implemented here over our {@link GroupSpec} so that Kafka sees exactly the
 * iteration orders our assignors use: members in list order, subscribed topic ids ascending (ours are sorted sets),
 * current assignments ascending by topic id and partition, wrapped as the unmodifiable map Kafka's assignors insist
 * on. A member Kafka leaves out of its result gets an empty assignment, which is how Kafka's coordinator reads it.
 */
final class KafkaReference {

    private KafkaReference() {}

    static ConsumerGroupPartitionAssignor kafkaAssignorFor(PartitionAssignor ours) {
        return switch (ours.name()) {
            case UniformAssignor.NAME -> new org.apache.kafka.coordinator.group.assignor.UniformAssignor();
            case RangeAssignor.NAME -> new org.apache.kafka.coordinator.group.assignor.RangeAssignor();
            default -> throw new IllegalArgumentException(ours.name());
        };
    }

    /** Kafka's assignment for the input, or {@link AssignmentException} when Kafka refuses it. */
    static Assignment assign(ConsumerGroupPartitionAssignor kafka, GroupSpec group, TopicPartitions topics) {
        GroupAssignment result;
        try {
            result = kafka.assign(new KafkaGroupSpec(group), new KafkaTopicDescriber(topics));
        } catch (PartitionAssignorException e) {
            throw new AssignmentException(e.getMessage());
        }
        Map<String, Map<Uuid, Set<Integer>>> members = new LinkedHashMap<>();
        for (String memberId : group.memberIds()) {
            MemberAssignment assignment = result.members().get(memberId);
            members.put(memberId, assignment == null ? Map.of() : assignment.partitions());
        }
        if (!members.keySet().containsAll(result.members().keySet())) {
            throw new AssertionError("Kafka assigned to members outside the group: "
                    + result.members().keySet());
        }
        return new Assignment(members);
    }

    private static final class KafkaGroupSpec implements org.apache.kafka.coordinator.group.api.assignor.GroupSpec {
        private final GroupSpec group;
        private final Map<String, MemberSpec> members;

        KafkaGroupSpec(GroupSpec group) {
            this.group = group;
            this.members =
                    group.members().stream().collect(Collectors.toMap(MemberSpec::memberId, Function.identity()));
        }

        @Override
        public Collection<String> memberIds() {
            return group.memberIds();
        }

        @Override
        public org.apache.kafka.coordinator.group.api.assignor.SubscriptionType subscriptionType() {
            return switch (group.subscriptionType()) {
                case HOMOGENEOUS -> org.apache.kafka.coordinator.group.api.assignor.SubscriptionType.HOMOGENEOUS;
                case HETEROGENEOUS -> org.apache.kafka.coordinator.group.api.assignor.SubscriptionType.HETEROGENEOUS;
            };
        }

        @Override
        public boolean isPartitionAssigned(Uuid topicId, int partitionId) {
            return group.members().stream().anyMatch(member -> member.currentAssignment()
                    .getOrDefault(topicId, Set.of())
                    .contains(partitionId));
        }

        @Override
        public boolean isPartitionAssignable(Uuid topicId, int partitionId) {
            return true;
        }

        @Override
        public MemberSubscription memberSubscription(String memberId) {
            MemberSpec member = members.get(memberId);
            return new MemberSubscription() {
                @Override
                public Optional<String> rackId() {
                    return member.rackId();
                }

                @Override
                public Optional<String> instanceId() {
                    return member.instanceId();
                }

                @Override
                public Set<Uuid> subscribedTopicIds() {
                    return member.subscribedTopicIds();
                }
            };
        }

        @Override
        public MemberAssignment memberAssignment(String memberId) {
            Map<Uuid, Set<Integer>> partitions = Collections.unmodifiableMap(
                    new LinkedHashMap<>(members.get(memberId).currentAssignment()));
            return () -> partitions;
        }
    }

    private record KafkaTopicDescriber(TopicPartitions topics) implements SubscribedTopicDescriber {
        @Override
        public int numPartitions(Uuid topicId) {
            return topics.partitionCount(topicId).orElse(-1);
        }

        @Override
        public Set<String> racksForPartition(Uuid topicId, int partition) {
            return topics.racks(topicId, partition);
        }
    }
}
