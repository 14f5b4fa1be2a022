package io.shardgate.it.kafka3;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Drives kafka-clients 3.x for {@code KafkaClients3IT}. Compiled by that test against the 3.x jars and loaded in a
 * class loader of its own (ADR 0010), so its public methods take and return JDK types only. Each method runs with
 * this class's loader as the thread's context class loader: kafka-clients loads configured classes through it, and
 * its I/O threads inherit it.
 */
public final class Kafka3Client {

    private static final long TIMEOUT_SECONDS = 30;

    private Kafka3Client() {}

    /** The kafka-clients version on this loader's class path. */
    public static String version() {
        return AppInfoParser.getVersion();
    }

    /**
     * Sends ApiVersions at this client's latest version, as its {@code NetworkClient} does first, and returns the
     * error name and, per API, the version this client would use with the broker ({@code -1}: none).
     */
    public static Map<String, Short> negotiate(String host, int port, List<String> apis) throws Exception {
        return own(() -> {
            short version = ApiKeys.API_VERSIONS.latestVersion();
            ApiVersionsRequest request = new ApiVersionsRequest.Builder().build(version);
            RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, version, "kafka3-it", 1);
            ByteBuffer bytes = request.serializeWithHeader(header);
            ApiVersionsResponse response;
            try (Socket socket = new Socket(host, port)) {
                socket.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(bytes.remaining());
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                response = (ApiVersionsResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(answer), header);
            }
            Map<String, Short> usable = new LinkedHashMap<>();
            usable.put("requestVersion", version);
            usable.put("errorCode", response.data().errorCode());
            NodeApiVersions node =
                    new NodeApiVersions(response.data().apiKeys(), response.data().supportedFeatures(), false);
            for (String api : apis) {
                ApiKeys key = ApiKeys.valueOf(api);
                usable.put(api, node.apiVersion(key) == null ? -1 : node.latestUsableVersion(key));
            }
            return usable;
        });
    }

    /** Admin.createTopics with replication factor 1 and the given configs. */
    public static void createTopic(String bootstrap, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        own(() -> {
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return null;
        });
    }

    /** Admin.describeTopics: {@code topicId}, {@code partitions} (count), {@code leaders} (node id per partition). */
    public static Map<String, Object> describeTopic(String bootstrap, String topic) throws Exception {
        return own(() -> {
            try (Admin admin = admin(bootstrap)) {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(topic);
                List<Integer> leaders = new ArrayList<>();
                for (TopicPartitionInfo partition : description.partitions()) {
                    leaders.add(partition.leader().id());
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("topicId", description.topicId().toString());
                result.put("partitions", description.partitions().size());
                result.put("leaders", leaders);
                result.put("nodes", admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size());
                return result;
            }
        });
    }

    /** Admin.describeConfigs of a topic: every config's name and value. */
    public static Map<String, String> topicConfigs(String bootstrap, String topic) throws Exception {
        return own(() -> {
            try (Admin admin = admin(bootstrap)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(resource);
                Map<String, String> values = new LinkedHashMap<>();
                for (ConfigEntry entry : config.entries()) {
                    values.put(entry.name(), entry.value());
                }
                return values;
            }
        });
    }

    /** Admin.incrementalAlterConfigs: SET one topic config. */
    public static void setTopicConfig(String bootstrap, String topic, String name, String value) throws Exception {
        own(() -> {
            try (Admin admin = admin(bootstrap)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                AlterConfigOp set = new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(set)))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return null;
        });
    }

    /**
     * Produces {@code keys[i]}/{@code values[i]} with headers {@code client=<version>} and {@code i=<i>}, keyed
     * partitioning, the producer's defaults (idempotent, acks=all) and {@code overrides}; returns
     * {@code [partition, offset]} per record.
     */
    public static List<long[]> produce(
            String bootstrap, String topic, List<byte[]> keys, List<byte[]> values, Map<String, String> overrides)
            throws Exception {
        return own(() -> {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            config.putAll(overrides);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
                for (int i = 0; i < keys.size(); i++) {
                    List<Header> headers = List.of(
                            new RecordHeader("client", utf8(version())), new RecordHeader("i", utf8("" + i)));
                    sent.add(producer.send(new ProducerRecord<>(topic, null, keys.get(i), values.get(i), headers)));
                }
                producer.flush();
            }
            List<long[]> offsets = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata metadata = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                offsets.add(new long[] {metadata.partition(), metadata.offset()});
            }
            return offsets;
        });
    }

    /**
     * A consumer without a group: {@code assign()} of every partition, from the beginning, until {@code expected}
     * records or the timeout. Each record: {@code partition}, {@code offset}, {@code key}, {@code value} (byte[]),
     * {@code headers} (list of {@code [name bytes, value bytes]}).
     */
    public static List<Map<String, Object>> consume(String bootstrap, String topic, int partitions, int expected)
            throws Exception {
        return own(() -> {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8192);
            List<Map<String, Object>> read = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
                List<TopicPartition> assigned = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    assigned.add(new TopicPartition(topic, p));
                }
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (read.size() < expected && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        List<byte[][]> headers = new ArrayList<>();
                        for (Header header : record.headers()) {
                            headers.add(new byte[][] {utf8(header.key()), header.value()});
                        }
                        Map<String, Object> one = new LinkedHashMap<>();
                        one.put("partition", record.partition());
                        one.put("offset", record.offset());
                        one.put("key", record.key());
                        one.put("value", record.value());
                        one.put("headers", headers);
                        read.add(one);
                    }
                }
            }
            return read;
        });
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T own(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Kafka3Client.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
