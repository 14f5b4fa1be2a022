package io.shardgate.bench;

import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka's {@code ConsumerPerformance} without a consumer group, for bench/kafka-bench.sh: one {@link KafkaConsumer}
 * with ConsumerPerformance's settings ({@code receive.buffer.bytes} 2 MiB, {@code max.partition.fetch.bytes} 1 MiB,
 * {@code check.crcs=false}, byte-array deserializers, client defaults otherwise) assigned every partition of the
 * topic and positioned at the beginning, polling until it has read the given number of records. It measures the
 * fetch path alone (no FindCoordinator, JoinGroup, SyncGroup, OffsetCommit), so it also runs against a server without
 * consumer groups, and it checks what it reads: every partition's offsets must run from 0 without a gap or a repeat.
 *
 * <p>Prints ConsumerPerformance's summary (the same header and columns, {@code rebalance.time.ms} always 0) and
 * exits 0 when exactly the expected records were read in order, 1 otherwise (the reason on stderr), 2 for a bad
 * command line.
 *
 * <pre>
 * AssignedConsumerPerformance --bootstrap-server HOST:PORT --topic TOPIC --num-records N [--timeout MS]
 * </pre>
 */
public final class AssignedConsumerPerformance {
    private AssignedConsumerPerformance() {}

    public static void main(String[] args) {
        String bootstrap = null;
        String topic = null;
        long expected = -1;
        long timeoutMs = 10_000;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = value;
                case "--topic" -> topic = value;
                case "--num-records" -> expected = parseLong(value, args[i]);
                case "--timeout" -> timeoutMs = parseLong(value, args[i]);
                default -> usage("unknown option: " + args[i]);
            }
            i++;
        }
        if (bootstrap == null || topic == null || expected < 1 || timeoutMs < 1) {
            usage("--bootstrap-server, --topic and a positive --num-records are required");
        }
        System.exit(run(bootstrap, topic, expected, timeoutMs, System.out, System.err));
    }

    static int run(String bootstrap, String topic, long expected, long timeoutMs, PrintStream out, PrintStream err) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, "2097152");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "perf-consumer-client");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        long records = 0;
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        Map<Integer, Long> next = new HashMap<>();
        long start;
        long end;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            // Timed like ConsumerPerformance: from after the consumer is created until the loop ends.
            start = System.currentTimeMillis();
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofMillis(timeoutMs))) {
                partitions.add(new TopicPartition(topic, info.partition()));
                next.put(info.partition(), 0L);
            }
            if (partitions.isEmpty()) {
                err.println("AssignedConsumerPerformance: topic " + topic + " has no partitions");
                return 1;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastRecord = System.currentTimeMillis();
            while (records < expected) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                if (polled.isEmpty()) {
                    if (now - lastRecord > timeoutMs) {
                        problems.add("no records for " + timeoutMs + " ms after " + records + " of " + expected);
                        break;
                    }
                    continue;
                }
                lastRecord = now;
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    long want = next.get(record.partition());
                    if (record.offset() != want && problems.size() < 10) {
                        problems.add("partition " + record.partition() + ": offset " + record.offset() + " after "
                                + (want - 1));
                    }
                    next.put(record.partition(), record.offset() + 1);
                    records++;
                    bytes += (record.key() == null ? 0 : record.key().length)
                            + (record.value() == null ? 0 : record.value().length);
                }
            }
            end = System.currentTimeMillis();
        }
        if (records > expected) {
            problems.add("read " + records + " records, " + (records - expected) + " more than " + expected);
        }
        double seconds = Math.max(end - start, 1) / 1000.0;
        double mb = bytes / (1024.0 * 1024.0);
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss:SSS", Locale.ROOT);
        out.println("start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec");
        out.println(String.format(
                Locale.ROOT,
                "%s, %s, %.4f, %.4f, %d, %.4f, 0, %d, %.4f, %.4f",
                format.format(new Date(start)),
                format.format(new Date(end)),
                mb,
                mb / seconds,
                records,
                records / seconds,
                end - start,
                mb / seconds,
                records / seconds));
        for (String problem : problems) {
            err.println("ERROR: " + problem);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private static long parseLong(String value, String option) {
        if (value == null) {
            usage(option + " needs a value");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            usage(option + " must be a number: " + value);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("AssignedConsumerPerformance: " + problem);
        System.err.println("usage: AssignedConsumerPerformance --bootstrap-server HOST:PORT --topic TOPIC"
                + " --num-records N [--timeout MS]");
        System.exit(2);
    }
}
