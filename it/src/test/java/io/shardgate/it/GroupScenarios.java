package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bootstrap;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.shardgate.gateway.Gateway;

/** Consumer-group scenarios that the classic and the KIP-848 protocol must both pass. */
final class GroupScenarios {
    private GroupScenarios() {}

    private static final long TIMEOUT_S = 60;

    /**
     * Three members of group {@code workers} on a six-partition topic, with {@code settings}: two share it, a third
     * joins, one leaves with a LeaveGroup, one crashes (only its session timeout removes it); records are produced
     * between the steps. Every record must be consumed exactly once and the group's offsets end at the end of every
     * partition.
     */
    static void exactlyOnceWhileMembersJoinLeaveAndCrash(Gateway gateway, String topic, Map<String, String> settings)
            throws Exception {
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        try (Admin admin = admin(gateway);
                KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<GroupMember> members = new ArrayList<>();
            try {
                // Given two members sharing the topic
                members.add(member(gateway, topic, "c1", settings, tally));
                members.add(member(gateway, topic, "c2", settings, tally));
                produce(producer, topic, 0, 600);
                awaitConsumed(tally, 600);
                awaitSizes(members, List.of(3, 3));

                // When a third joins, the partitions spread over three
                members.add(member(gateway, topic, "c3", settings, tally));
                awaitSizes(members, List.of(2, 2, 2));
                produce(producer, topic, 600, 1200);
                awaitConsumed(tally, 1200);

                // And one leaves with a LeaveGroup, the other two take its partitions at once
                members.get(1).leave();
                awaitSizes(List.of(members.get(0), members.get(2)), List.of(3, 3));
                produce(producer, topic, 1200, 1800);
                awaitConsumed(tally, 1800);

                // And one crashes: its session expires and the last member takes everything
                members.get(2).crash();
                produce(producer, topic, 1800, 2400);
                awaitSizes(List.of(members.get(0)), List.of(6));
                awaitConsumed(tally, 2400);
            } finally {
                for (GroupMember member : members) {
                    member.close();
                }
            }
            // Then every record was consumed once, none twice
            assertThat(tally).hasSize(2400);
            assertThat(tally.entrySet()).allSatisfy(entry -> assertThat(entry.getValue())
                    .as("times %s was consumed", entry.getKey())
                    .isEqualTo(1));
            // And the group's offsets are at the end of every partition
            long committed = admin
                    .listConsumerGroupOffsets("workers")
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .values()
                    .stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            assertThat(committed).isEqualTo(2400);
        }
    }

    private static GroupMember member(
            Gateway gateway, String topic, String clientId, Map<String, String> settings, Map<String, Integer> tally) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new GroupMember(bootstrap(gateway), "workers", topic, all, tally);
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(topic, bytes("key-" + i), bytes("record-" + i)));
        }
        producer.flush();
    }

    private static void awaitConsumed(Map<String, Integer> tally, int count) {
        await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> tally.size() >= count);
    }

    private static void awaitSizes(List<GroupMember> members, List<Integer> sizes) {
        await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> members.stream()
                .map(member -> member.assignment().size())
                .toList()
                .equals(sizes));
    }
}
