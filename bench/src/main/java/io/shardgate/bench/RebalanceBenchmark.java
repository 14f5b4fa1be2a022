package io.shardgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer-group rebalance time, for bench/kafka-bench.sh {@code --rebalance}: N KafkaConsumers with the client's
 * default settings (and the given {@code group.protocol}) subscribe at the same moment to a topic of P partitions in
 * a new group, each on its own thread; the time is measured from the start until every partition is owned by exactly
 * one member and every member owns at least one (when N ≤ P), as the members' rebalance callbacks report it. Then
 * one more member joins the stable group, and the time until the partitions are again spread over all N + 1 is the
 * second measure. Repeated for several rounds, each with a new group.
 *
 * <p>Prints one line per round and a summary line
 * {@code members=N protocol=P join_ms_median=… join_ms_max=… add_one_ms_median=… add_one_ms_max=…}; exits 0 when
 * every round completed, 1 otherwise, 2 for a bad command line.
 *
 * <pre>
 * RebalanceBenchmark --bootstrap-server HOST:PORT --members N [--protocol classic|consumer] [--partitions P]
 *                    [--rounds R] [--timeout-ms MS]
 * </pre>
 */
public final class RebalanceBenchmark {
    private RebalanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        int members = 0;
        String protocol = "classic";
        int partitions = 60;
        int rounds = 3;
        long timeoutMs = 180_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = value;
                case "--members" -> members = Integer.parseInt(value);
                case "--protocol" -> protocol = value;
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--timeout-ms" -> timeoutMs = Long.parseLong(value);
                default -> usage("unknown option: " + args[i]);
            }
        }
        if (bootstrap == null || members < 1 || partitions < members + 1 || rounds < 1) {
            usage("--bootstrap-server and --members N are required, with N < --partitions");
        }
        String topic = "rebalance-" + protocol + "-" + members + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        List<Long> joins = new ArrayList<>();
        List<Long> additions = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String group = topic + "-round-" + round;
            List<Member> started = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                for (int m = 0; m < members; m++) {
                    started.add(new Member(bootstrap, group, topic, protocol, "member-" + m));
                }
                long joined = awaitSpread(started, partitions, timeoutMs, t0);
                long t1 = System.nanoTime();
                started.add(new Member(bootstrap, group, topic, protocol, "member-" + members));
                long added = awaitSpread(started, partitions, timeoutMs, t1);
                System.out.printf(
                        "round=%d members=%d protocol=%s join_ms=%d add_one_ms=%d%n",
                        round, members, protocol, joined, added);
                joins.add(joined);
                additions.add(added);
            } catch (IllegalStateException e) {
                System.err.println("round " + round + " failed: " + e.getMessage());
                System.exit(1);
            } finally {
                closeAll(started);
            }
        }
        System.out.printf(
                "members=%d protocol=%s join_ms_median=%d join_ms_max=%d add_one_ms_median=%d add_one_ms_max=%d%n",
                members, protocol, median(joins), max(joins), median(additions), max(additions));
    }

    /** Waits until the members own every partition once and each owns some; the milliseconds since {@code t0}. */
    private static long awaitSpread(List<Member> members, int partitions, long timeoutMs, long t0)
            throws InterruptedException {
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            Set<TopicPartition> owned = new HashSet<>();
            int total = 0;
            boolean everyoneOwns = true;
            for (Member member : members) {
                if (member.failure.get() != null) {
                    throw new IllegalStateException("a member failed: " + member.failure.get());
                }
                Set<TopicPartition> assignment = member.assignment();
                everyoneOwns &= !assignment.isEmpty();
                total += assignment.size();
                owned.addAll(assignment);
            }
            if (everyoneOwns && total == partitions && owned.size() == partitions) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(
                "the partitions were not spread over " + members.size() + " members within " + timeoutMs + " ms");
    }

    private static void closeAll(List<Member> members) throws InterruptedException {
        members.forEach(member -> member.stop.set(true));
        for (Member member : members) {
            member.done.await(60, TimeUnit.SECONDS);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static void usage(String problem) {
        System.err.println("RebalanceBenchmark: " + problem);
        System.err.println("usage: RebalanceBenchmark --bootstrap-server HOST:PORT --members N "
                + "[--protocol classic|consumer] [--partitions P] [--rounds R] [--timeout-ms MS]");
        System.exit(2);
    }

    /** One group member polling on its own thread; its assignment as its rebalance callbacks report it. */
    private static final class Member {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();

        Member(String bootstrap, String group, String topic, String protocol, String clientId) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            Thread thread = new Thread(() -> run(props, topic), "rebalance-" + clientId);
            thread.setDaemon(true);
            thread.start();
        }

        Set<TopicPartition> assignment() {
            return Set.copyOf(owned);
        }

        private void run(Properties props, String topic) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        owned.removeAll(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        owned.addAll(partitions);
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        owned.removeAll(partitions);
                    }
                });
                while (!stop.get()) {
                    try {
                        consumer.poll(Duration.ofMillis(20));
                    } catch (WakeupException e) {
                        // stop is checked next
                    }
                }
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        }
    }
}
