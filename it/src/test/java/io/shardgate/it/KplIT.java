package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.util.concurrent.ListenableFuture;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import io.shardgate.gateway.Gateway;

/**
 * The Kinesis Producer Library 1.x (its Java front end and the native {@code kinesis_producer} daemon bundled in its
 * jar, which speaks HTTPS only) against the gateway's TLS Kinesis listener with a self-signed certificate
 * ({@code setVerifyCertificate(false)}), metrics off. With aggregation on, the KPL packs many user records into one
 * Kinesis record (its magic prefix, a protobuf message and an MD5 trailer); the gateway stores and serves that record
 * byte for byte (D5), which the SDK's GetRecords shows and the KCL's de-aggregator checks (it verifies the MD5 and
 * hands back the user records with sub-sequence numbers). With aggregation off, every user record is a Kinesis
 * record.
 *
 * <p>Skipped (assumption) when the native daemon cannot run on this machine: the KPL ships binaries for Linux x86_64
 * and aarch64 (glibc) and macOS only, and starts one as a child process; without it the Java front end cannot send
 * anything.
 */
class KplIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @TempDir
    static Path dataDir;

    @TempDir
    static Path keys;

    @TempDir
    static Path kplTemp;

    private static Gateway gateway;
    private static KinesisClient kinesis;
    private static String skipped;
    private static String noDynalite;
    private static Kcl.Backing backing;
    private static Kcl.Clients kcl;

    @BeforeAll
    static void start() throws Exception {
        skipped = nativeDaemonMissing();
        if (skipped != null) {
            return;
        }
        Path keyStore = KinesisTlsIT.selfSigned(keys);
        gateway = Gateway.start(ItGateways.config(
                dataDir,
                Map.of(
                        "kinesis.tls.keyStore",
                        keyStore.toString(),
                        "kinesis.tls.keyStorePassword",
                        KinesisTlsIT.PASSWORD,
                        "kinesis.statusDelayMs",
                        "0")));
        kinesis = KinesisClient.builder()
                .endpointOverride(URI.create("https://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(
                        ApacheHttpClient.builder().tlsTrustManagersProvider(() -> KinesisTlsIT.trustManagers(keyStore)))
                .build();
        noDynalite = Dynalite.missing().orElse(null);
        if (noDynalite == null) {
            backing = Kcl.Backing.start();
            // The KCL's client as KinesisClientUtil builds it (Netty, HTTP/2), over TLS with the test's certificate.
            KinesisAsyncClient kclKinesis = KinesisAsyncClient.builder()
                    .endpointOverride(URI.create("https://127.0.0.1:" + gateway.kinesisPort()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(CREDENTIALS)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                            .maxConcurrency(Integer.MAX_VALUE)
                            .protocol(Protocol.HTTP2)
                            .tlsTrustManagersProvider(() -> KinesisTlsIT.trustManagers(keyStore)))
                    .build();
            kcl = backing.clients(kclKinesis);
        }
    }

    @BeforeEach
    void requireNativeDaemon() {
        assumeTrue(skipped == null, () -> skipped);
    }

    @AfterAll
    static void stop() {
        if (kcl != null) {
            ItResources.closeAll("KplIT", kcl.kinesis());
        }
        ItResources.closeAll("KplIT", kinesis, gateway, backing);
    }

    @Test
    void shouldStoreEachAggregatedRecordAsOneRecordThatDeaggregatesToTheUserRecordsWhenAggregationIsOn()
            throws Exception {
        // Given a stream of two shards
        createStream("kpl-aggregated", 2);

        // When the KPL puts 501 user records over 20 keys with aggregation on
        Map<String, List<String>> sent = produce("kpl-aggregated", true, 20, 25);

        // Then the SDK reads far fewer Kinesis records, most of them aggregated (the KPL's magic prefix; it sends a
        // record alone when nothing else is waiting for its shard, as for the first one)
        List<Record> stored = readAll("kpl-aggregated");
        assertThat(stored).hasSizeLessThan(count(sent) / 10);
        long aggregated = stored.stream()
                .filter(record -> startsWithMagic(record.data().asByteArray()))
                .count();
        assertThat(aggregated).isPositive();
        // And the KCL's de-aggregator (which checks each record's MD5 trailer, so a byte changed by the gateway would
        // show) gives back every user record once: those of the aggregated records marked so, the others as stored
        List<KinesisClientRecord> users = new AggregatorUtil()
                .deaggregate(
                        stored.stream().map(KinesisClientRecord::fromRecord).toList());
        assertThat(users).filteredOn(user -> !user.aggregated()).hasSize((int) (stored.size() - aggregated));
        assertThat(byKey(users)).isEqualTo(sorted(sent));
    }

    @Test
    void shouldDeliverEveryUserRecordOnceToAnAutoStream() throws Exception {
        // Given an on-demand stream whose record distribution strategy is AUTO (ADR 0020), which the KPL 1.1 reads
        kinesis.createStream(b -> b.streamName("kpl-auto")
                .streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
                .recordDistributionStrategy(RecordDistributionStrategy.AUTO));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName("kpl-auto"))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);

        // When the KPL puts 201 user records over 10 keys with aggregation on
        Map<String, List<String>> sent = produce("kpl-auto", true, 10, 20);

        // Then the KPL, having read AUTO, does not aggregate (it does on a USER_PARTITION_KEY stream with the same
        // settings, above): each user record is one Kinesis record with its key, and every one arrives once
        List<Record> stored = readAll("kpl-auto");
        assertThat(stored).hasSize(count(sent));
        assertThat(stored).noneMatch(record -> startsWithMagic(record.data().asByteArray()));
        assertThat(stored).allMatch(record -> record.partitionKey().startsWith("key-"));
        List<KinesisClientRecord> users = new AggregatorUtil()
                .deaggregate(
                        stored.stream().map(KinesisClientRecord::fromRecord).toList());
        assertThat(byKey(users)).isEqualTo(sorted(sent));
    }

    @Test
    void shouldStoreEveryUserRecordAsItsOwnRecordWhenAggregationIsOff() throws Exception {
        // Given a stream of two shards
        createStream("kpl-plain", 2);

        // When the KPL puts 201 user records over 10 keys with aggregation off
        Map<String, List<String>> sent = produce("kpl-plain", false, 10, 20);

        // Then the SDK reads each as one Kinesis record, byte for byte, in order per key
        List<Record> stored = readAll("kpl-plain");
        assertThat(stored).hasSize(count(sent));
        List<KinesisClientRecord> users = new AggregatorUtil()
                .deaggregate(
                        stored.stream().map(KinesisClientRecord::fromRecord).toList());
        assertThat(users).filteredOn(KinesisClientRecord::aggregated).isEmpty();
        assertThat(byKey(users)).isEqualTo(sorted(sent));
    }

    @Test
    void shouldHandTheKclEveryUserRecordOfTheAggregatedRecordsWhenItReadsThem() throws Exception {
        assumeTrue(noDynalite == null, () -> noDynalite);
        // Given aggregated records from the KPL in a stream of two shards
        createStream("kpl-kcl", 2);
        Map<String, List<String>> sent = produce("kpl-kcl", true, 20, 25);

        // When a KCL application reads the stream (over TLS, as the KPL wrote it)
        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app = Kcl.Application.start(kcl, "kpl-kcl", "kpl-kcl-app", recorder, false)) {
            recorder.awaitCount(count(sent));
        }

        // Then its processors got every user record once, not the aggregated records
        recorder.assertNoErrors();
        Map<String, List<String>> delivered = new TreeMap<>();
        for (Kcl.Delivery delivery : recorder.deliveries) {
            delivered
                    .computeIfAbsent(delivery.partitionKey(), k -> new ArrayList<>())
                    .add(delivery.data());
        }
        delivered.values().forEach(Collections::sort);
        assertThat(delivered).isEqualTo(sorted(sent));
        // And those from one aggregated record share its sequence number, with sub-sequence numbers 0, 1, 2, ...
        Map<String, List<Long>> subSequences = new TreeMap<>();
        recorder.deliveries.stream().filter(Kcl.Delivery::aggregated).forEach(delivery -> subSequences
                .computeIfAbsent(delivery.sequenceNumber(), k -> new ArrayList<>())
                .add(delivery.subSequenceNumber()));
        assertThat(subSequences.values().stream().mapToInt(List::size).sum()).isGreaterThan(count(sent) / 2);
        assertThat(subSequences.values()).allSatisfy(numbers -> assertThat(numbers)
                .isEqualTo(LongStream.range(0, numbers.size()).boxed().toList()));
        // And the lease table holds, per shard, the sequence number of the last record the KCL handed over
        Map<String, String> checkpoints = Kcl.checkpoints(kcl.dynamoReader(), "kpl-kcl-app");
        assertThat(checkpoints).isEqualTo(recorder.lastSequenceNumberPerShard(checkpoints.keySet()));
    }

    // ---- the KPL ----

    /** Puts {@code perKey} rounds over {@code keys} keys through a fresh KPL, waits for every result, destroys it. */
    private static Map<String, List<String>> produce(String stream, boolean aggregation, int keys, int perKey)
            throws Exception {
        KinesisProducer producer = new KinesisProducer(configuration(aggregation));
        Map<String, List<String>> sent = new TreeMap<>();
        try {
            // The KPL aggregates only records whose shard it can predict: the first record of a stream makes it load
            // the shard map (ListShards) and the distribution strategy (DescribeStreamSummary), and goes alone.
            String first = stream + "-first";
            UserRecordResult warmUp = producer.addUserRecord(
                            stream, "key-0", ByteBuffer.wrap(first.getBytes(StandardCharsets.UTF_8)))
                    .get(60, TimeUnit.SECONDS);
            assertThat(warmUp.isSuccessful()).as("%s", warmUp.getAttempts()).isTrue();
            sent.computeIfAbsent("key-0", x -> new ArrayList<>()).add(first);
            List<ListenableFuture<UserRecordResult>> results = new ArrayList<>();
            for (int round = 0; round < perKey; round++) {
                for (int k = 0; k < keys; k++) {
                    String key = "key-" + k;
                    String data = stream + "-" + key + "-" + round;
                    results.add(producer.addUserRecord(
                            stream, key, ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))));
                    sent.computeIfAbsent(key, x -> new ArrayList<>()).add(data);
                }
            }
            producer.flushSync();
            for (ListenableFuture<UserRecordResult> future : results) {
                UserRecordResult result = future.get(60, TimeUnit.SECONDS);
                assertThat(result.isSuccessful()).as("%s", result.getAttempts()).isTrue();
                if (result.getAttempts().size() > 1) {
                    System.out.println("DEBUG retried: "
                            + result.getAttempts().stream()
                                    .map(a -> a.getErrorCode() + ":" + a.getErrorMessage())
                                    .toList());
                }
                assertThat(result.getShardId()).startsWith("shardId-");
            }
        } finally {
            producer.destroy();
        }
        return sent;
    }

    private static KinesisProducerConfiguration configuration(boolean aggregation) {
        return new KinesisProducerConfiguration()
                .setRegion("us-east-1")
                .setCredentialsProvider(CREDENTIALS)
                .setKinesisEndpoint("127.0.0.1")
                .setKinesisPort(gateway.kinesisPort())
                .setVerifyCertificate(false)
                // Metrics off: the daemon never calls CloudWatch; its endpoint and STS's point at a closed port anyway.
                .setMetricsLevel("none")
                .setCloudwatchEndpoint("127.0.0.1")
                .setCloudwatchPort(9)
                .setStsEndpoint("127.0.0.1")
                .setStsPort(9)
                .setAggregationEnabled(aggregation)
                .setRecordMaxBufferedTime(100)
                .setRequestTimeout(10_000)
                .setLogLevel("info")
                .setTempDirectory(kplTemp.toString());
    }

    /** Why the bundled daemon cannot run here, or null when it can. */
    private static String nativeDaemonMissing() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean linux =
                os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
        if (!linux && !os.contains("mac")) {
            return "the KPL bundles its native daemon for Linux x86_64/aarch64 and macOS only, not " + os + "/" + arch;
        }
        if (linux
                && !Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2"))
                && !Files.exists(Path.of("/lib/ld-linux-aarch64.so.1"))) {
            return "the KPL's native daemon needs glibc, which this Linux does not have";
        }
        return null;
    }

    // ---- the stream and its records ----

    private static void createStream(String stream, int shards) {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** Every record of every shard, from the trim horizon, with GetRecords. */
    private static List<Record> readAll(String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (true) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
                records.addAll(response.records());
                if (response.records().isEmpty() || response.nextShardIterator() == null) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }

    /**
     * User records by partition key, each key's data sorted: the KPL keeps several PutRecords calls in flight and
     * retries them apart, so it promises no order, not even per key; what is compared is that every record arrived
     * once.
     */
    private static Map<String, List<String>> byKey(List<KinesisClientRecord> users) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (KinesisClientRecord user : users) {
            byKey.computeIfAbsent(user.partitionKey(), k -> new ArrayList<>())
                    .add(StandardCharsets.UTF_8.decode(user.data()).toString());
        }
        byKey.values().forEach(Collections::sort);
        return byKey;
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> sent) {
        Map<String, List<String>> sorted = new TreeMap<>();
        sent.forEach((key, values) -> sorted.put(key, values.stream().sorted().toList()));
        return sorted;
    }

    private static boolean startsWithMagic(byte[] data) {
        byte[] magic = AggregatorUtil.AGGREGATED_RECORD_MAGIC;
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    private static int count(Map<String, List<String>> sent) {
        return sent.values().stream().mapToInt(List::size).sum();
    }
}
