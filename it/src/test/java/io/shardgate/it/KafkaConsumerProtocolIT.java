package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * KIP-848 consumer groups ({@code group.protocol=consumer}) with real KafkaConsumers and the Admin client: members
 * join, leave and crash while every record is consumed exactly once; the server-side assignors; subscriptions by
 * regular expression; static members; ConsumerGroupDescribe and ListGroups.
 */
class KafkaConsumerProtocolIT {

    private static final long TIMEOUT_S = 60;
    private static final String TOPIC = "orders";

    /** A short session so that a crashed member goes quickly; members heartbeat often. */
    private static final Map<String, String> FAST_SESSIONS = Map.of(
            "kafka.groups.consumerSessionTimeoutMs", "4000",
            "kafka.groups.consumerHeartbeatIntervalMs", "300");

    @TempDir
    Path dataDir;

    @Test
    void shouldConsumeEveryRecordExactlyOnceWhileMembersJoinLeaveAndCrash() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, FAST_SESSIONS))) {
            GroupScenarios.exactlyOnceWhileMembersJoinLeaveAndCrash(
                    gateway, TOPIC, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"));
        }
    }

    @Test
    void shouldAssignWithTheAssignorTheMembersAskFor() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, FAST_SESSIONS));
                Admin admin = admin(gateway)) {
            createTopic(admin, TOPIC, 6);
            for (String assignor : List.of("range", "uniform")) {
                Map<String, String> settings = Map.of(
                        ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                        "consumer",
                        ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG,
                        assignor);
                String group = "by-" + assignor;
                GroupMember first = member(gateway, group, assignor + "-1", settings, tally);
                GroupMember second = member(gateway, group, assignor + "-2", settings, tally);
                try {
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> sizes(List.of(first, second)).equals(List.of(3, 3)));
                    ConsumerGroupDescription described = describe(admin, group);
                    assertThat(described.partitionAssignor()).isEqualTo(assignor);
                    List<Set<Integer>> partitions = new ArrayList<>();
                    for (GroupMember member : List.of(first, second)) {
                        partitions.add(partitionsOf(member.assignment()));
                    }
                    if (assignor.equals("range")) {
                        // Range: contiguous ranges, the member with the smaller member id first
                        assertThat(partitions).containsExactlyInAnyOrder(Set.of(0, 1, 2), Set.of(3, 4, 5));
                        MemberDescription lowest = described.members().stream()
                                .min((a, b) -> a.consumerId().compareTo(b.consumerId()))
                                .orElseThrow();
                        assertThat(partitionsOf(lowest.assignment().topicPartitions()))
                                .isEqualTo(Set.of(0, 1, 2));
                    } else {
                        assertThat(partitions.get(0)).doesNotContainAnyElementsOf(partitions.get(1));
                    }
                } finally {
                    first.close();
                    second.close();
                }
            }
        }
    }

    @Test
    void shouldDescribeAndListConsumerGroups() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, FAST_SESSIONS));
                Admin admin = admin(gateway)) {
            createTopic(admin, TOPIC, 4);
            Map<String, String> settings = Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            GroupMember first = member(gateway, "described", "d1", settings, tally);
            GroupMember second = member(gateway, "described", "d2", settings, tally);
            try {
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> sizes(List.of(first, second)).equals(List.of(2, 2)));
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> describe(admin, "described").groupState() == GroupState.STABLE);

                // When the Admin client describes the group
                ConsumerGroupDescription described = describe(admin, "described");

                // Then it is a consumer group with epochs, assignments equal to the targets
                assertThat(described.type()).isEqualTo(GroupType.CONSUMER);
                assertThat(described.groupEpoch()).isPresent();
                assertThat(described.targetAssignmentEpoch()).isEqualTo(described.groupEpoch());
                assertThat(described.members()).hasSize(2).allSatisfy(member -> {
                    assertThat(member.memberEpoch()).isEqualTo(described.groupEpoch());
                    assertThat(member.assignment().topicPartitions()).hasSize(2);
                    assertThat(member.targetAssignment().orElseThrow().topicPartitions())
                            .isEqualTo(member.assignment().topicPartitions());
                });

                // And listing consumer groups finds it, listing classic groups does not
                assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups())
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS))
                        .extracting(
                                GroupListing::groupId, listing -> listing.type().orElseThrow())
                        .contains(org.assertj.core.groups.Tuple.tuple("described", GroupType.CONSUMER));
                assertThat(admin.listGroups(new ListGroupsOptions().withTypes(Set.of(GroupType.CLASSIC)))
                                .all()
                                .get(TIMEOUT_S, TimeUnit.SECONDS))
                        .extracting(GroupListing::groupId)
                        .doesNotContain("described");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    @Test
    void shouldPickUpATopicCreatedLaterThatMatchesTheSubscribedPattern() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, FAST_SESSIONS));
                Admin admin = admin(gateway);
                KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
            createTopic(admin, "metrics-a", 2);
            Properties props = consumerProps(gateway, "patterns");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                // Given a consumer subscribed with a pattern
                consumer.subscribe(Pattern.compile("metrics-.*"));
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().size() == 2;
                });

                // When a matching topic is created and written to
                createTopic(admin, "metrics-b", 3);
                produce(producer, "metrics-b", 0, 10);

                // Then the consumer gets its partitions and reads its records
                Set<String> seen = new TreeSet<>();
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.topic()));
                    return consumer.assignment().size() == 5 && seen.contains("metrics-b");
                });
                assertThat(consumer.assignment())
                        .extracting(TopicPartition::topic)
                        .containsOnly("metrics-a", "metrics-b");
            }
        }
    }

    @Test
    void shouldGiveARestartedStaticMemberItsPartitionsBack() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(
                        dataDir,
                        Map.of(
                                "kafka.groups.consumerSessionTimeoutMs", "30000",
                                "kafka.groups.consumerHeartbeatIntervalMs", "300")));
                Admin admin = admin(gateway)) {
            createTopic(admin, TOPIC, 6);
            Map<String, String> settings = Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            GroupMember first = member(gateway, "statics", "s1", with(settings, "s1"), tally);
            GroupMember second = member(gateway, "statics", "s2", with(settings, "s2"), tally);
            try {
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> sizes(List.of(first, second)).equals(List.of(3, 3)));
                Set<TopicPartition> before = first.assignment();
                int secondCallbacks = second.callbacks.size();

                // When the first static member stops (remaining in the group) and comes back
                first.crash();
                GroupMember restarted = member(gateway, "statics", "s1", with(settings, "s1"), tally);
                try {
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> restarted.assignment().size() == 3);

                    // Then it has the same partitions, and the other member was not disturbed
                    assertThat(restarted.assignment()).isEqualTo(before);
                    assertThat(second.callbacks).hasSize(secondCallbacks);
                    assertThat(describe(admin, "statics").members())
                            .extracting(member -> member.groupInstanceId().orElseThrow())
                            .containsExactlyInAnyOrder("s1", "s2");
                } finally {
                    restarted.close();
                }
            } finally {
                second.close();
            }
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static Properties consumerProps(Gateway gateway, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(gateway));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        return props;
    }

    private static GroupMember member(
            Gateway gateway, String group, String clientId, Map<String, String> settings, Map<String, Integer> tally) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new GroupMember(bootstrap(gateway), group, TOPIC, all, tally);
    }

    private static Map<String, String> with(Map<String, String> settings, String instanceId) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        return all;
    }

    private static Set<Integer> partitionsOf(Set<TopicPartition> partitions) {
        Set<Integer> result = new TreeSet<>();
        partitions.forEach(partition -> result.add(partition.partition()));
        return result;
    }

    private static void createTopic(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(topic, bytes("key-" + i), bytes("record-" + i)));
        }
        producer.flush();
    }

    private static List<Integer> sizes(List<GroupMember> members) {
        return members.stream().map(member -> member.assignment().size()).toList();
    }
}
