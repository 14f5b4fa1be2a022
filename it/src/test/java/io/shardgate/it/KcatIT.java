package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shardgate.gateway.Gateway;

/**
 * librdkafka, through Debian's {@code kcat}, against an in-process gateway: metadata, producing keyed records with
 * headers in every codec librdkafka has, and consuming from the beginning, compared byte for byte; no Netty buffer
 * may leak. Skipped (JUnit
 * assumption) when {@code kcat} is not on the {@code PATH}; {@code .ci/run} installs it when it can.
 */
class KcatIT {

    private static final long KCAT_TIMEOUT_SECONDS = 30;

    @TempDir
    static Path dataDir;

    private static Path kcat;
    private static Gateway gateway;
    private static Admin admin;
    private static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        NettyLeaks.install();
        kcat = LocalPrograms.onPath("kcat").orElse(null);
        if (kcat == null) {
            return; // every test is skipped by requireKcat, with the reason in the report
        }
        gateway = Gateway.start(ItGateways.config(dataDir));
        bootstrap = "127.0.0.1:" + gateway.kafkaPort();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        System.out.println("KcatIT: "
                + run(null, "-V")
                        .out()
                        .lines()
                        .filter(line -> line.contains("librdkafka"))
                        .findFirst()
                        .orElse("kcat -V printed no librdkafka version"));
    }

    @BeforeEach
    void requireKcat() {
        assumeTrue(kcat != null, "kcat is not on the PATH: skipped (.ci/run installs Debian's kcat when it can)");
    }

    @AfterEach
    void noBufferLeaked() {
        NettyLeaks.assertNone();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldListBrokersTopicsAndPartitionsAsJson() throws Exception {
        // Given two topics
        createTopic("listed-a", 3);
        createTopic("listed-b", 1);

        // When kcat lists the cluster's metadata as JSON
        JsonNode metadata = new ObjectMapper().readTree(kcatOk(null, "-b", bootstrap, "-L", "-J"));

        // Then this node is the only broker and the controller, and leads every partition with itself as replica
        assertThat(metadata.path("controllerid").asInt(-1)).isZero();
        assertThat(metadata.path("brokers")).hasSize(1);
        assertThat(metadata.path("brokers").get(0).path("id").asInt(-1)).isZero();
        assertThat(metadata.path("brokers").get(0).path("name").asText()).isEqualTo(bootstrap);
        Map<String, JsonNode> topics = new HashMap<>();
        metadata.path("topics").forEach(topic -> topics.put(topic.path("topic").asText(), topic));
        assertThat(topics).containsKeys("listed-a", "listed-b");
        for (String name : List.of("listed-a", "listed-b")) {
            JsonNode topic = topics.get(name);
            assertThat(topic.has("error")).as("error on %s: %s", name, topic).isFalse();
            JsonNode partitions = topic.path("partitions");
            assertThat(partitions).hasSize(name.equals("listed-a") ? 3 : 1);
            for (int p = 0; p < partitions.size(); p++) {
                JsonNode partition = partitions.get(p);
                assertThat(partition.path("partition").asInt(-1)).isEqualTo(p);
                assertThat(partition.path("leader").asInt(-1)).isZero();
                assertThat(partition.path("replicas").toString()).isEqualTo("[{\"id\":0}]");
                assertThat(partition.path("isrs").toString()).isEqualTo("[{\"id\":0}]");
            }
        }

        // And a query for one unknown topic reports Kafka's error for it
        JsonNode unknown = new ObjectMapper().readTree(kcatOk(null, "-b", bootstrap, "-L", "-J", "-t", "nope"));
        assertThat(unknown.path("topics").get(0).path("error").asText()).contains("Unknown topic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "zstd"})
    void shouldStoreWhatKcatProducesByteExactInItsCodec(String codec) throws Exception {
        produceWithKcatAndReadBack(codec);
    }

    @Test
    // librdkafka enables LZ4 only when the broker advertises FindCoordinator v0 (its LZ4 feature map).
    void shouldStoreWhatKcatProducesByteExactInLz4() throws Exception {
        produceWithKcatAndReadBack("lz4");
    }

    private static void produceWithKcatAndReadBack(String codec) throws Exception {
        // Given a topic, and keyed lines with UTF-8, a ':' inside the value and a tab
        String topic = "kcat-produce-" + codec;
        createTopic(topic, 1);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new String[] {"key-" + i, "välue " + i + " ✓ a:b\t" + "x".repeat(i * 7)});
        }
        StringBuilder input = new StringBuilder();
        records.forEach(
                record -> input.append(record[0]).append(':').append(record[1]).append('\n'));

        // When kcat produces them with two headers, compressed with the codec
        kcatOk(
                input.toString(),
                "-b",
                bootstrap,
                "-P",
                "-t",
                topic,
                "-p",
                "0",
                "-K:",
                "-H",
                "source=kcat",
                "-H",
                "codec=" + codec,
                "-X",
                "compression.codec=" + codec,
                // one batch: librdkafka sends a batch uncompressed when compressing does not shrink it
                "-X",
                "linger.ms=500");

        // Then kafka-clients reads back every key, value and header byte for byte, in order
        List<ConsumerRecord<byte[], byte[]>> read = consume(topic, records.size());
        assertThat(read).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = read.get(i);
            assertThat(record.offset()).isEqualTo(i);
            assertThat(record.key()).isEqualTo(utf8(records.get(i)[0]));
            assertThat(record.value()).isEqualTo(utf8(records.get(i)[1]));
            assertThat(Arrays.asList(record.headers().toArray()))
                    .containsExactly(new RecordHeader("source", utf8("kcat")), new RecordHeader("codec", utf8(codec)));
        }

        // And the batches are stored as librdkafka compressed them
        assertThat(KafkaWire.storedCodecs(gateway.kafkaPort(), topic, 0)).containsOnly(codec);

        // And kcat itself reads them back from the beginning, byte for byte
        String expected = expectedKcatOutput(records, "source=kcat,codec=" + codec);
        assertThat(consumeWithKcat(topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void shouldLetKcatConsumeWhatTheJavaProducerWroteInEachCodec(String codec) throws Exception {
        // Given records with keys and headers written by kafka-clients 4.4 with the codec
        String topic = "java-produce-" + codec;
        createTopic(topic, 1);
        List<String[]> records = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 40; i++) {
                String[] record = {"jkey-" + i, "java välue " + i + " " + "y".repeat(i * 11)};
                records.add(record);
                List<Header> headers =
                        List.of(new RecordHeader("from", utf8("java")), new RecordHeader("i", utf8("" + i)));
                producer.send(new ProducerRecord<>(topic, 0, utf8(record[0]), utf8(record[1]), headers));
            }
            producer.flush();
        }
        assertThat(KafkaWire.storedCodecs(gateway.kafkaPort(), topic, 0)).containsOnly(codec);

        // When kcat consumes the partition from the beginning
        String output = consumeWithKcat(topic);

        // Then it prints exactly those keys, values and headers, at offsets 0..n-1
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            expected.append(line(i, records.get(i)[0], records.get(i)[1], "from=java,i=" + i));
        }
        assertThat(output).isEqualTo(expected.toString());
    }

    @Test
    void shouldAcceptAnIdempotentKcatProducer() throws Exception {
        // Given a topic, When kcat produces with librdkafka's idempotent producer (InitProducerId, sequences)
        String topic = "kcat-idempotent";
        createTopic(topic, 1);
        List<String[]> records = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            records.add(new String[] {"ik" + i, "idempotent " + i});
            input.append("ik")
                    .append(i)
                    .append(':')
                    .append("idempotent ")
                    .append(i)
                    .append('\n');
        }
        kcatOk(
                input.toString(),
                "-b",
                bootstrap,
                "-P",
                "-t",
                topic,
                "-p",
                "0",
                "-K:",
                "-X",
                "enable.idempotence=true",
                "-X",
                "compression.codec=zstd");

        // Then every record is stored once, in order
        assertThat(consumeWithKcat(topic)).isEqualTo(expectedKcatOutput(records, ""));
    }

    @Test
    void shouldConsumeAsABalancedGroupMemberAndResumeFromTheCommittedOffsets() throws Exception {
        // Given a three-partition topic with 30 records
        String topic = "kcat-group";
        createTopic(topic, 3);
        produceValues(topic, 0, 30);

        // When kcat joins group "kcat-readers" (librdkafka's JoinGroup/SyncGroup/OffsetCommit) and reads to the end
        assertThat(consumeInGroup(topic)).containsExactlyInAnyOrderElementsOf(values(0, 30));

        // Then the group committed the end of every partition
        long committed = admin
                .listConsumerGroupOffsets("kcat-readers")
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS)
                .values()
                .stream()
                .mapToLong(offset -> offset.offset())
                .sum();
        assertThat(committed).isEqualTo(30);

        // And a new member of the group reads only what came after
        produceValues(topic, 30, 36);
        assertThat(consumeInGroup(topic)).containsExactlyInAnyOrderElementsOf(values(30, 36));
    }

    private static List<String> consumeInGroup(String topic) throws Exception {
        String output = kcatOk(
                null,
                "-b",
                bootstrap,
                "-G",
                "kcat-readers",
                "-X",
                "auto.offset.reset=earliest",
                "-e",
                "-q",
                "-f",
                "%s\\n",
                topic);
        return output.isEmpty() ? List.of() : List.of(output.split("\n"));
    }

    private static void produceValues(String topic, int from, int to) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String value : values(from, to)) {
                producer.send(new ProducerRecord<>(topic, utf8(value), utf8(value)));
            }
            producer.flush();
        }
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("grouped " + i);
        }
        return values;
    }

    private static String expectedKcatOutput(List<String[]> records, String headers) {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            expected.append(line(i, records.get(i)[0], records.get(i)[1], headers));
        }
        return expected.toString();
    }

    /** One record as {@link #consumeWithKcat} prints it. */
    private static String line(long offset, String key, String value, String headers) {
        return "0|" + offset + "|" + key + "|" + value + "|" + headers + "|end\n";
    }

    private static String consumeWithKcat(String topic) throws Exception {
        return kcatOk(
                null,
                "-b",
                bootstrap,
                "-C",
                "-t",
                topic,
                "-p",
                "0",
                "-o",
                "beginning",
                "-e",
                "-q",
                "-f",
                "%p|%o|%k|%s|%h|end\\n");
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    private static void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private record Result(int exit, String out, String err) {}

    /** Runs kcat, fails unless it exits 0 within the timeout, and returns its standard output. */
    private static String kcatOk(String stdin, String... args) throws Exception {
        Result result = run(stdin, args);
        assertThat(result.exit())
                .as("kcat %s exit status; stderr: %s", String.join(" ", args), result.err())
                .isZero();
        return result.out();
    }

    private static Result run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(kcat.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(utf8(stdin));
            }
        }
        if (!process.waitFor(KCAT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat " + String.join(" ", args) + " did not finish within " + KCAT_TIMEOUT_SECONDS
                    + " s; stderr: " + new String(err.getNow(new byte[0]), StandardCharsets.UTF_8));
        }
        return new Result(
                process.exitValue(),
                new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
