package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * Consumer groups of the classic protocol with real KafkaConsumers: members join, leave and crash while every record
 * is consumed exactly once; static members restart without a rebalance; cooperative rebalancing moves only the
 * partitions that change owner.
 */
class KafkaConsumerGroupsIT {

    private static final long TIMEOUT_S = 60;
    private static final String TOPIC = "orders";

    @TempDir
    Path dataDir;

    @Test
    void shouldConsumeEveryRecordExactlyOnceWhileMembersJoinLeaveAndCrash() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            GroupScenarios.exactlyOnceWhileMembersJoinLeaveAndCrash(
                    gateway,
                    TOPIC,
                    Map.of(
                            ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500"));
        }
    }

    @Test
    void shouldGiveARestartedStaticMemberItsPartitionsBackWithoutARebalance() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            createTopic(admin, 6);
            Map<String, String> settings = Map.of(
                    ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000",
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
            GroupMember first = member(gateway, "s1", with(settings, "s1"), tally);
            GroupMember second = member(gateway, "s2", with(settings, "s2"), tally);
            try {
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> sizes(List.of(first, second)).equals(List.of(3, 3)));
                Set<TopicPartition> before = first.assignment();
                int secondCallbacks = second.callbacks.size();

                // When the first static member's process stops and a new one starts with the same instance id
                first.crash();
                GroupMember restarted = member(gateway, "s1", with(settings, "s1"), tally);
                try {
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> restarted.assignment().size() == 3);

                    // Then it has the same partitions, and the other member never rebalanced
                    assertThat(restarted.assignment()).isEqualTo(before);
                    assertThat(second.callbacks).hasSize(secondCallbacks);
                } finally {
                    restarted.close();
                }
            } finally {
                second.close();
            }
        }
    }

    @Test
    void shouldMoveOnlyThePartitionsThatChangeOwnerWithCooperativeRebalancing() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway);
                KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
            createTopic(admin, 6);
            Map<String, String> settings = Map.of(
                    ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
            GroupMember first = member(gateway, "k1", settings, tally);
            try {
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> first.assignment().size() == 6);
                produce(producer, 0, 300);
                awaitConsumed(tally, 300);

                // When a second member joins
                GroupMember second = member(gateway, "k2", settings, tally);
                try {
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> sizes(List.of(first, second)).equals(List.of(3, 3)));
                    produce(producer, 300, 600);
                    awaitConsumed(tally, 600);

                    // Then the first member gave up three partitions, kept three, and was never left empty
                    List<String> revocations = first.callbacks.stream()
                            .filter(callback -> callback.startsWith("revoked"))
                            .filter(callback -> !callback.equals("revoked []"))
                            .toList();
                    assertThat(revocations).hasSize(1);
                    assertThat(revocations.get(0).split(",")).hasSize(3);
                    Set<TopicPartition> union = new HashSet<>(first.assignment());
                    union.addAll(second.assignment());
                    assertThat(union).hasSize(6);
                } finally {
                    second.close();
                }
            } finally {
                first.close();
            }
            assertThat(tally).hasSize(600);
            assertThat(tally.values()).containsOnly(1);
        }
    }

    private static GroupMember member(
            Gateway gateway, String clientId, Map<String, String> settings, Map<String, Integer> tally) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new GroupMember(bootstrap(gateway), "workers", TOPIC, all, tally);
    }

    private static Map<String, String> with(Map<String, String> settings, String instanceId) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        return all;
    }

    private static void createTopic(Admin admin, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(TOPIC, bytes("key-" + i), bytes("record-" + i)));
        }
        producer.flush();
    }

    private static void awaitConsumed(Map<String, Integer> tally, int count) {
        await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> tally.size() >= count);
    }

    private static List<Integer> sizes(List<GroupMember> members) {
        return members.stream().map(member -> member.assignment().size()).toList();
    }
}
