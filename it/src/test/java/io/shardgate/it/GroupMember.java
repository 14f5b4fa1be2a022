package io.shardgate.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A subscribed KafkaConsumer on its own thread, as an application runs one: it polls, records each record's value
 * in a shared tally, commits synchronously after each batch and keeps a log of its rebalance callbacks. It stops by
 * leaving the group ({@link #leave()}) or by crashing without a LeaveGroup ({@link #crash()}).
 */
final class GroupMember implements AutoCloseable {

    private final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Integer> tally;
    private final Thread thread;
    private final AtomicReference<CloseOptions.GroupMembershipOperation> stop = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    /** "revoked [p...]" / "assigned [p...]" / "lost [p...]", in callback order. */
    final List<String> callbacks = new CopyOnWriteArrayList<>();

    GroupMember(
            String bootstrap, String group, String topic, Map<String, String> settings, Map<String, Integer> tally) {
        this.name = settings.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "member");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        props.putAll(settings);
        this.consumer = new KafkaConsumer<>(props);
        this.tally = tally;
        this.thread = new Thread(() -> run(topic), "group-member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    callbacks.add("revoked " + sorted(partitions));
                    assignment.removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    callbacks.add("assigned " + sorted(partitions));
                    assignment.addAll(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    callbacks.add("lost " + sorted(partitions));
                    assignment.removeAll(partitions);
                }
            });
            while (stop.get() == null) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(100));
                } catch (WakeupException e) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    tally.merge(new String(record.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
            consumer.close(CloseOptions.groupMembershipOperation(stop.get()));
        } catch (Throwable e) {
            failure.set(e);
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private static List<String> sorted(Collection<TopicPartition> partitions) {
        List<String> names = new ArrayList<>();
        partitions.forEach(partition -> names.add(partition.toString()));
        names.sort(null);
        return names;
    }

    /** The partitions the member holds now. */
    Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    /** Closes the consumer with a LeaveGroup, after the current batch is committed. */
    void leave() throws InterruptedException {
        stopWith(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    /** Closes the consumer without a LeaveGroup, as a process that dies: only the session timeout removes it. */
    void crash() throws InterruptedException {
        stopWith(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
    }

    private void stopWith(CloseOptions.GroupMembershipOperation operation) throws InterruptedException {
        stop.compareAndSet(null, operation);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (failure.get() != null) {
            throw new AssertionError("member " + name + " failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            leave();
        }
    }
}
