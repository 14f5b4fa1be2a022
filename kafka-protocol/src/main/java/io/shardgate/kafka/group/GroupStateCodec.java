package io.shardgate.kafka.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/**
 * A group as the store keeps it (CBOR), with a {@code type} discriminator: a classic group (what Kafka's group
 * metadata record holds, so that members resume after a restart with their member ids, generation and assignments)
 * or a KIP-848 consumer group (what Kafka's consumer group records hold: epochs, members with their subscriptions and
 * reconciliation state, the target assignment and the subscribed topics' metadata).
 */
final class GroupStateCodec {
    private GroupStateCodec() {}

    static final int VERSION = 1;

    private static final ObjectMapper CBOR = CBORMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record SavedMember(
            String memberId,
            String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            byte[] subscription,
            byte[] assignment) {}

    record SavedGroup(
            int version,
            String type,
            String protocolType,
            int generation,
            String protocol,
            String leader,
            List<SavedMember> members) {}

    static final String CLASSIC = "classic";
    static final String CONSUMER = "consumer";

    record SavedConsumerMember(
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
            String state,
            Map<String, List<Integer>> assignedPartitions,
            Map<String, List<Integer>> partitionsPendingRevocation,
            Map<String, List<Integer>> targetAssignment) {}

    record SavedTopic(String id, String name, int partitions) {}

    record SavedConsumerGroup(
            int version,
            String type,
            int groupEpoch,
            int assignmentEpoch,
            List<SavedConsumerMember> members,
            List<SavedTopic> subscribedTopics) {}

    /** The saved group's type: {@value #CLASSIC} or {@value #CONSUMER}. */
    static String type(String groupId, byte[] bytes) {
        try {
            JsonNode type = CBOR.readTree(bytes).get("type");
            return type == null || type.isNull() ? CLASSIC : type.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable state of group " + groupId, e);
        }
    }

    static byte[] encode(ConsumerGroup group) {
        List<SavedConsumerMember> members = new ArrayList<>();
        for (ConsumerGroupMember m : group.members()) {
            members.add(new SavedConsumerMember(
                    m.memberId(),
                    m.instanceId(),
                    m.rackId(),
                    m.clientId(),
                    m.clientHost(),
                    m.rebalanceTimeoutMs(),
                    m.subscribedTopicNames(),
                    m.subscribedTopicRegex(),
                    m.serverAssignor(),
                    m.memberEpoch(),
                    m.previousMemberEpoch(),
                    m.state().name(),
                    save(m.assignedPartitions()),
                    save(m.partitionsPendingRevocation()),
                    save(group.targetAssignment(m.memberId()))));
        }
        List<SavedTopic> topics = new ArrayList<>();
        group.subscriptionMetadata()
                .values()
                .forEach(topic -> topics.add(new SavedTopic(topic.id().toString(), topic.name(), topic.partitions())));
        return write(new SavedConsumerGroup(
                VERSION, CONSUMER, group.groupEpoch(), group.assignmentEpoch(), members, topics));
    }

    static ConsumerGroup decodeConsumerGroup(String groupId, byte[] bytes) {
        SavedConsumerGroup saved = read(groupId, bytes, SavedConsumerGroup.class);
        checkVersion(groupId, saved.version());
        ConsumerGroup group = new ConsumerGroup(groupId);
        Map<String, Map<Uuid, Set<Integer>>> target = new LinkedHashMap<>();
        for (SavedConsumerMember m : saved.members()) {
            group.updateMember(new ConsumerGroupMember(
                    m.memberId(),
                    m.instanceId(),
                    m.rackId(),
                    m.clientId(),
                    m.clientHost(),
                    m.rebalanceTimeoutMs(),
                    m.subscribedTopicNames(),
                    m.subscribedTopicRegex(),
                    m.serverAssignor(),
                    m.memberEpoch(),
                    m.previousMemberEpoch(),
                    MemberState.valueOf(m.state()),
                    load(m.assignedPartitions()),
                    load(m.partitionsPendingRevocation())));
            target.put(m.memberId(), load(m.targetAssignment()));
        }
        group.targetAssignment(saved.assignmentEpoch(), target);
        group.restoreEpochs(saved.groupEpoch(), saved.assignmentEpoch());
        Map<String, ConsumerGroup.TopicMetadata> topics = new TreeMap<>();
        for (SavedTopic topic : saved.subscribedTopics()) {
            topics.put(
                    topic.name(),
                    new ConsumerGroup.TopicMetadata(Uuid.fromString(topic.id()), topic.name(), topic.partitions()));
        }
        group.subscriptionMetadata(topics);
        return group;
    }

    private static Map<String, List<Integer>> save(Map<Uuid, Set<Integer>> partitions) {
        Map<String, List<Integer>> saved = new TreeMap<>();
        partitions.forEach((topicId, set) -> saved.put(topicId.toString(), new ArrayList<>(set)));
        return saved;
    }

    private static Map<Uuid, Set<Integer>> load(Map<String, List<Integer>> saved) {
        Map<Uuid, Set<Integer>> partitions = new TreeMap<>();
        if (saved != null) {
            saved.forEach((topicId, list) -> partitions.put(Uuid.fromString(topicId), new TreeSet<>(list)));
        }
        return partitions;
    }

    static byte[] encode(ClassicGroup group) {
        List<SavedMember> members = new ArrayList<>();
        for (ClassicMember member : group.members()) {
            members.add(new SavedMember(
                    member.memberId(),
                    member.groupInstanceId(),
                    member.clientId(),
                    member.clientHost(),
                    member.rebalanceTimeoutMs(),
                    member.sessionTimeoutMs(),
                    group.protocolName() == null ? new byte[0] : member.metadata(group.protocolName()),
                    member.assignment()));
        }
        return write(new SavedGroup(
                VERSION,
                CLASSIC,
                group.protocolType(),
                group.generationId(),
                group.protocolName(),
                group.leaderId(),
                members));
    }

    static ClassicGroup decode(String groupId, byte[] bytes) {
        SavedGroup saved = read(groupId, bytes, SavedGroup.class);
        checkVersion(groupId, saved.version());
        ClassicGroup group = new ClassicGroup(groupId);
        List<ClassicMember> members = new ArrayList<>();
        for (SavedMember member : saved.members()) {
            ClassicMember restored = new ClassicMember(
                    member.memberId(),
                    member.groupInstanceId(),
                    member.clientId(),
                    member.clientHost(),
                    member.rebalanceTimeoutMs(),
                    member.sessionTimeoutMs(),
                    saved.protocolType(),
                    List.of(new ClassicMember.Protocol(saved.protocol(), member.subscription())));
            restored.assignment(member.assignment());
            members.add(restored);
        }
        group.restore(saved.generation(), saved.protocolType(), saved.protocol(), saved.leader(), members);
        return group;
    }

    private static byte[] write(Object saved) {
        try {
            return CBOR.writeValueAsBytes(saved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String groupId, byte[] bytes, Class<T> type) {
        try {
            return CBOR.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable state of group " + groupId, e);
        }
    }

    private static void checkVersion(String groupId, int version) {
        if (version != VERSION) {
            throw new IllegalStateException("group " + groupId + " was saved in format " + version);
        }
    }
}
