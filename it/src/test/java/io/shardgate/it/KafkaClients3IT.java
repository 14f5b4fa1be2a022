package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.shardgate.gateway.Gateway;

/**
 * The kafka-clients 3.x line (3.9.1, the last) against an in-process gateway: ApiVersions negotiation down to the
 * versions both sides share, Admin topics and configs, producers in every codec and an {@code assign()} consumer.
 * The 3.x jars live outside the test class path (which holds kafka-clients 4.x for the gateway): Maven copies them
 * to {@code target/kafka-clients-3}, this test compiles {@code src/test/kafka3} against them and loads both in a
 * class loader whose parent is the platform loader, then calls the runner's static methods, which take and return
 * JDK types only (ADR 0010).
 */
class KafkaClients3IT {

    private static final String VERSION = "3.9.1";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path classes;

    private static URLClassLoader loader;
    private static Class<?> client;
    private static Gateway gateway;
    private static String bootstrap;

    @BeforeAll
    static void loadTheOlderClientAndStartTheGateway() throws Exception {
        NettyLeaks.install();
        Path lib = Path.of(System.getProperty("shardgate.kafka3.lib", "target/kafka-clients-3"));
        Path sources = Path.of(System.getProperty("shardgate.kafka3.src", "src/test/kafka3"));
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
        assertThat(jars)
                .as("jars copied by the kafka-clients-3 execution of maven-dependency-plugin into %s", lib)
                .anyMatch(jar -> jar.getFileName().toString().equals("kafka-clients-" + VERSION + ".jar"));
        compile(sources, jars, classes);
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        loader = new URLClassLoader("kafka-clients-3", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        client = loader.loadClass("io.shardgate.it.kafka3.Kafka3Client");
        gateway = Gateway.start(ItGateways.config(dataDir));
        bootstrap = "127.0.0.1:" + gateway.kafkaPort();
    }

    @AfterEach
    void noBufferLeaked() {
        NettyLeaks.assertNone();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void shouldRunTheOlderClientLineApartFromTheGatewaysKafkaClients() throws Exception {
        // Given / When the runner is loaded
        // Then it sees kafka-clients 3.9.1, its own classes, while the gateway runs on 4.x
        assertThat((String) call("version")).isEqualTo(VERSION);
        assertThat(AppInfoParser.getVersion()).startsWith("4.");
        Class<?> theirs = loader.loadClass("org.apache.kafka.clients.producer.KafkaProducer");
        assertThat(theirs).isNotSameAs(KafkaProducer.class);
        assertThat(theirs.getClassLoader()).isSameAs(loader);
    }

    @Test
    void shouldNegotiateApiVersionsDownToTheVersionsBothSidesShare() throws Exception {
        // Given the APIs kafka-clients 3.9.1 uses for producing, consuming and Admin topics
        List<String> apis = List.of(
                "API_VERSIONS",
                "METADATA",
                "PRODUCE",
                "FETCH",
                "LIST_OFFSETS",
                "INIT_PRODUCER_ID",
                "CREATE_TOPICS",
                "DESCRIBE_TOPIC_PARTITIONS",
                "DESCRIBE_CLUSTER",
                "DESCRIBE_CONFIGS",
                "INCREMENTAL_ALTER_CONFIGS");

        // When 3.9.1 sends its ApiVersions (v4) and intersects the answer with its own ranges, as NetworkClient does
        Map<String, Short> usable = call("negotiate", "127.0.0.1", gateway.kafkaPort(), apis);

        // Then the gateway answers v4 without error, and 3.9.1 uses its own maxima, below kafka-clients 4.4's
        Map<String, Short> expected = new LinkedHashMap<>();
        expected.put("requestVersion", (short) 4);
        expected.put("errorCode", (short) 0);
        expected.put("API_VERSIONS", (short) 4);
        expected.put("METADATA", (short) 12);
        expected.put("PRODUCE", (short) 11);
        expected.put("FETCH", (short) 17);
        expected.put("LIST_OFFSETS", (short) 9);
        expected.put("INIT_PRODUCER_ID", (short) 5);
        expected.put("CREATE_TOPICS", (short) 7);
        expected.put("DESCRIBE_TOPIC_PARTITIONS", (short) 0);
        expected.put("DESCRIBE_CLUSTER", (short) 1);
        expected.put("DESCRIBE_CONFIGS", (short) 4);
        expected.put("INCREMENTAL_ALTER_CONFIGS", (short) 1);
        assertThat(usable).containsExactlyEntriesOf(expected);
    }

    @Test
    void shouldCreateDescribeAndConfigureTopicsWithTheOlderAdmin() throws Exception {
        // Given a topic created by Admin 3.9.1 with a retention
        String topic = "k3-admin";
        call("createTopic", bootstrap, topic, 3, Map.of("retention.ms", "3600000"));

        // When Admin 3.9.1 describes it
        Map<String, Object> description = call("describeTopic", bootstrap, topic);

        // Then it has three partitions led by this node, and the stream's id as topic id
        io.shardgate.store.Stream stream = gateway.store().stream(topic).orElseThrow();
        assertThat(description)
                .containsEntry("partitions", 3)
                .containsEntry("leaders", List.of(0, 0, 0))
                .containsEntry("nodes", 1)
                .containsEntry(
                        "topicId",
                        new Uuid(
                                        stream.id().getMostSignificantBits(),
                                        stream.id().getLeastSignificantBits())
                                .toString());
        assertThat(stream.settings().retentionMs()).isEqualTo(3_600_000L);

        // And describeConfigs shows the retention set and Kafka's defaults for the rest
        Map<String, String> configs = call("topicConfigs", bootstrap, topic);
        assertThat(configs)
                .containsEntry("retention.ms", "3600000")
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("max.message.bytes", "1048588");

        // When incrementalAlterConfigs sets another, Then it is shown and the retention kept
        call("setTopicConfig", bootstrap, topic, "cleanup.policy", "compact");
        Map<String, String> altered = call("topicConfigs", bootstrap, topic);
        assertThat(altered).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "3600000");

        // And creating it again fails with 3.9.1's TopicExistsException
        assertThatThrownBy(() -> call("createTopic", bootstrap, topic, 1, Map.of()))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .extracting(cause -> cause.getClass().getName())
                .isEqualTo("org.apache.kafka.common.errors.TopicExistsException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    @SuppressWarnings("unchecked")
    void shouldRoundTripRecordsByteExactWithTheOlderProducerAndConsumer(String codec) throws Exception {
        // Given a topic of two partitions, and keyed binary records
        String topic = "k3-records-" + codec;
        call("createTopic", bootstrap, topic, 2, Map.of());
        Random random = new Random(codec.hashCode());
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(("k3-key-" + i).getBytes(StandardCharsets.UTF_8));
            byte[] value = new byte[random.nextInt(600)];
            random.nextBytes(value);
            values.add(value);
        }

        // When the 3.9.1 producer (idempotent, acks=all by default) sends them with the codec
        List<long[]> sent =
                call("produce", bootstrap, topic, keys, values, Map.of("compression.type", codec, "linger.ms", "20"));

        // Then each partition got consecutive offsets from 0, in batches of that codec
        Map<Long, List<Long>> offsets = new HashMap<>();
        sent.forEach(
                at -> offsets.computeIfAbsent(at[0], p -> new ArrayList<>()).add(at[1]));
        for (List<Long> partition : offsets.values()) {
            assertThat(partition).isSorted().first().isEqualTo(0L);
            assertThat(partition.get(partition.size() - 1)).isEqualTo(partition.size() - 1L);
        }
        for (long partition : offsets.keySet()) {
            assertThat(KafkaWire.storedCodecs(gateway.kafkaPort(), topic, (int) partition))
                    .containsOnly(codec);
        }

        // And the 3.9.1 consumer (assign, from the beginning) reads every record back byte for byte
        List<Map<String, Object>> read = call("consume", bootstrap, topic, 2, keys.size());
        assertThat(read).hasSize(keys.size());
        Map<String, Map<String, Object>> byPosition = new HashMap<>();
        read.forEach(record -> byPosition.put(record.get("partition") + "@" + record.get("offset"), record));
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> record = byPosition.get(sent.get(i)[0] + "@" + sent.get(i)[1]);
            assertThat(record).as("record %s", i).isNotNull();
            assertThat((byte[]) record.get("key")).isEqualTo(keys.get(i));
            assertThat((byte[]) record.get("value")).isEqualTo(values.get(i));
            List<String> headers = ((List<byte[][]>) record.get("headers"))
                    .stream()
                            .map(header -> new String(header[0], StandardCharsets.UTF_8) + "="
                                    + new String(header[1], StandardCharsets.UTF_8))
                            .toList();
            assertThat(headers).containsExactly("client=" + VERSION, "i=" + i);
        }

        // And kafka-clients 4.4 reads the same bytes
        Map<String, ConsumerRecord<byte[], byte[]>> latest = consumeWithLatest(topic, keys.size());
        for (int i = 0; i < keys.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = latest.get(sent.get(i)[0] + "@" + sent.get(i)[1]);
            assertThat(record).as("record %s read by 4.4", i).isNotNull();
            assertThat(record.key()).isEqualTo(keys.get(i));
            assertThat(record.value()).isEqualTo(values.get(i));
            assertThat(Arrays.stream(record.headers().toArray()).map(Header::key))
                    .containsExactly("client", "i");
        }
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> consumeWithLatest(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, ConsumerRecord<byte[], byte[]>> read = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> read.put(record.partition() + "@" + record.offset(), record));
            }
        }
        return read;
    }

    /** Calls the runner's static method of that name; a failure inside it is rethrown as it was thrown. */
    @SuppressWarnings("unchecked")
    private static <T> T call(String name, Object... args) throws Exception {
        for (Method method : client.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return (T) method.invoke(null, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("Kafka3Client has no method " + name + " of " + args.length + " parameters");
    }

    /** Compiles the runner's sources against the 3.x jars; fails with the compiler's messages. */
    private static void compile(Path sources, List<Path> jars, Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (javax.tools)").isNotNull();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("runner sources in %s", sources).isNotEmpty();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-classpath",
                    jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    "-d",
                    out.toString());
            boolean compiled = javac.getTask(
                            null,
                            fileManager,
                            diagnostics,
                            options,
                            null,
                            fileManager.getJavaFileObjectsFromPaths(files))
                    .call();
            assertThat(compiled)
                    .as(
                            "compiling %s against kafka-clients %s:%n%s",
                            sources,
                            VERSION,
                            diagnostics.getDiagnostics().stream()
                                    .map(Diagnostic::toString)
                                    .collect(Collectors.joining(System.lineSeparator())))
                    .isTrue();
        }
    }
}
