package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * Group administration against live classic groups with the Admin client and Kafka's own
 * {@code kafka-consumer-groups} tool, and groups resuming across a gateway restart.
 */
class KafkaGroupAdminIT {

    private static final long TIMEOUT_S = 60;
    private static final String TOPIC = "orders";
    private static final String GROUP = "admins";

    @TempDir
    Path dataDir;

    @Test
    void shouldListDescribeAlterAndDeleteGroupsAsKafkaDoes() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            produce(gateway, 0, 30);
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            List<GroupMember> members = List.of(member(gateway, "m1", tally), member(gateway, "m2", tally));
            try {
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> tally.size() == 30);
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> !members.get(0).assignment().isEmpty()
                                && !members.get(1).assignment().isEmpty()
                                && members.get(0).assignment().size()
                                                + members.get(1).assignment().size()
                                        == 3);

                // The group is listed and described with its members and their assignments
                GroupListing listing = listed(admin);
                assertThat(listing.groupState()).contains(GroupState.STABLE);
                assertThat(listing.type()).contains(GroupType.CLASSIC);
                ConsumerGroupDescription description = describe(admin);
                assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(description.type()).isEqualTo(GroupType.CLASSIC);
                assertThat(description.partitionAssignor()).isEqualTo("range");
                assertThat(description.members())
                        .extracting(MemberDescription::clientId)
                        .containsExactlyInAnyOrder("m1", "m2");
                Set<TopicPartition> assigned = new HashSet<>();
                description.members().forEach(member -> {
                    assertThat(member.host()).isEqualTo("/127.0.0.1");
                    assigned.addAll(member.assignment().topicPartitions());
                });
                assertThat(assigned).hasSize(3);
                assertThat(committedSum(admin)).isEqualTo(30);

                // kafka-consumer-groups --describe shows each partition with its owner and no lag
                String describeOutput = consumerGroups(gateway, "--describe", "--group", GROUP);
                assertThat(describeOutput)
                        .contains(GROUP)
                        .contains("LOG-END-OFFSET")
                        .contains("m1")
                        .contains("m2");

                // While it has members it cannot be deleted, nor lose offsets of subscribed topics, nor be
                // moved by an Admin commit
                assertThat(cause(() ->
                                admin.deleteConsumerGroups(List.of(GROUP)).all().get()))
                        .isInstanceOf(GroupNotEmptyException.class);
                assertThat(cause(() -> admin.deleteConsumerGroupOffsets(GROUP, Set.of(p0))
                                .all()
                                .get()))
                        .isInstanceOf(GroupSubscribedToTopicException.class);
                assertThat(cause(() -> admin.alterConsumerGroupOffsets(GROUP, Map.of(p0, new OffsetAndMetadata(0)))
                                .all()
                                .get()))
                        .isInstanceOf(UnknownMemberIdException.class);
            } finally {
                for (GroupMember member : members) {
                    member.leave();
                }
            }

            // Once everyone left, the group is Empty and kafka-consumer-groups resets its offsets
            await().atMost(Duration.ofSeconds(TIMEOUT_S))
                    .until(() -> describe(admin).groupState() == GroupState.EMPTY);
            assertThat(describe(admin).members()).isEmpty();
            String reset = consumerGroups(
                    gateway, "--reset-offsets", "--group", GROUP, "--topic", TOPIC, "--to-earliest", "--execute");
            assertThat(reset).contains(GROUP);
            assertThat(committedSum(admin)).isZero();
            admin.deleteConsumerGroupOffsets(GROUP, Set.of(p0)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(admin.listConsumerGroupOffsets(GROUP)
                            .partitionsToOffsetAndMetadata()
                            .get(TIMEOUT_S, TimeUnit.SECONDS))
                    .doesNotContainKey(p0);

            // And it can be deleted, after which it is gone
            admin.deleteConsumerGroups(List.of(GROUP)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS))
                    .extracting(GroupListing::groupId)
                    .doesNotContain(GROUP);
            assertThat(cause(() ->
                            admin.describeConsumerGroups(List.of(GROUP)).all().get()))
                    .isInstanceOf(GroupIdNotFoundException.class);
        }
    }

    @Test
    void shouldLetMembersCarryOnAfterAGatewayRestartWithoutARebalance() throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        Map<String, String> overrides = Map.of("kafka.listeners", "PLAINTEXT://127.0.0.1:" + freePort());
        List<GroupMember> members = new ArrayList<>();
        Set<String> before;
        try {
            Gateway gateway = Gateway.start(ItGateways.config(dataDir, overrides));
            try (Admin admin = admin(gateway)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
                // Kafka 4 clients "rebootstrap" when every broker is gone, which forgets the topic's partitions and
                // makes the leader ask for a rebalance on any server; without it they simply reconnect.
                Map<String, String> noRebootstrap = Map.of("metadata.recovery.strategy", "none");
                members.add(member(gateway, "r1", tally, noRebootstrap));
                members.add(member(gateway, "r2", tally, noRebootstrap));
                produce(gateway, 0, 100);
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> tally.size() == 100);
                await().atMost(Duration.ofSeconds(TIMEOUT_S))
                        .until(() -> members.get(0).assignment().size() == 2
                                && members.get(1).assignment().size() == 2);
                before = memberIds(describe(admin));
            } finally {
                gateway.close();
            }
            int[] callbacks = {
                members.get(0).callbacks.size(), members.get(1).callbacks.size()
            };

            // When the gateway comes back on the same address with the same data
            try (Gateway restarted = Gateway.start(ItGateways.config(dataDir, overrides));
                    Admin admin = admin(restarted)) {
                // Then the group is there with both members, and they go on consuming where they were
                assertThat(memberIds(describe(admin))).isEqualTo(before).hasSize(2);
                produce(restarted, 100, 200);
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> tally.size() == 200);
                assertThat(tally.values()).containsOnly(1);
                assertThat(members.get(0).callbacks).hasSize(callbacks[0]);
                assertThat(members.get(1).callbacks).hasSize(callbacks[1]);
                assertThat(memberIds(describe(admin))).isEqualTo(before);
                for (GroupMember member : members) {
                    member.leave();
                }
                assertThat(committedSum(admin)).isEqualTo(200);
            }
        } finally {
            for (GroupMember member : members) {
                member.close();
            }
        }
    }

    private static Set<String> memberIds(ConsumerGroupDescription description) {
        Set<String> ids = new HashSet<>();
        description.members().forEach(member -> ids.add(member.consumerId()));
        return ids;
    }

    private static GroupMember member(Gateway gateway, String clientId, Map<String, Integer> tally) {
        return member(gateway, clientId, tally, Map.of());
    }

    private static GroupMember member(
            Gateway gateway, String clientId, Map<String, Integer> tally, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        return new GroupMember(bootstrap(gateway), GROUP, TOPIC, settings, tally);
    }

    private static void produce(Gateway gateway, int from, int to) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, bytes("key-" + i), bytes("record-" + i)));
            }
            producer.flush();
        }
    }

    private static GroupListing listed(Admin admin) throws Exception {
        return admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                .filter(group -> group.groupId().equals(GROUP))
                .findFirst()
                .orElseThrow();
    }

    private static ConsumerGroupDescription describe(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP))
                .describedGroups()
                .get(GROUP)
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static long committedSum(Admin admin) throws Exception {
        return admin
                .listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .values()
                .stream()
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    /** Runs Kafka's kafka-consumer-groups tool in its own JVM against the gateway; returns its output. */
    private static String consumerGroups(Gateway gateway, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                "--bootstrap-server",
                bootstrap(gateway)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Throwable cause(ThrowingCall call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
