package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import io.shardgate.gateway.Gateway;

/**
 * The limits profiles (DESIGN.md D8, ADR 0016) with real clients: the AWS SDK for Java v2 against a gateway whose
 * default profile is {@code kinesis-provisioned} (per-record throttling in PutRecords, the SDK's retries of PutRecord,
 * GetRecords beyond 5 calls/s, control-plane rates), and a Kafka producer and consumer on a topic put under {@code
 * kinesis-provisioned} by its topic config ({@code throttle_time_ms} in the clients' metrics, every record delivered).
 */
class LimitsProfilesIT {

    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    @Test
    void kinesisClientsAreThrottledAsOnAwsAndTheirRetriesStoreEverythingAsAcknowledged() throws Exception {
        Map<String, String> config =
                Map.of("limits.defaultProfile", "kinesis-provisioned", "kinesis.statusDelayMs", "0");
        ThrottledResponses throttled = new ThrottledResponses();
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, config));
                KinesisClient retrying = client(gateway, throttled, 20);
                KinesisClient once = client(gateway, throttled, 1)) {
            // Given a stream of one shard under kinesis-provisioned
            retrying.createStream(b -> b.streamName("metered").shardCount(1));
            assertThat(gateway.store().stream("metered")
                            .orElseThrow()
                            .settings()
                            .limitsProfile())
                    .isEqualTo("kinesis-provisioned");
            assertThat(retrying.describeLimits(b -> {}).shardLimit()).isEqualTo(500);

            // When 2,000 records of 2 KiB arrive in four PutRecords calls at once (4 MiB; 1 MiB/s or 1,000
            // records/s per shard), and the application resends the failed records
            Map<String, String> acknowledged = new HashMap<>();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                entries.add(entry("r" + i));
            }
            int firstFailures = putAll(retrying, entries, acknowledged);

            // Then the first round had per-record failures, and resending them stored everything once
            assertThat(firstFailures).isGreaterThan(0);
            assertThat(acknowledged).hasSize(2_000);

            // And PutRecord calls over the byte budget (300 KiB each, 1 MiB/s) are retried by the SDK until stored
            int throttledBefore = throttled.count.get();
            for (int i = 0; i < 10; i++) {
                String key = "p" + i;
                byte[] data = new byte[300 * 1024];
                data[0] = (byte) i;
                acknowledged.put(
                        key,
                        retrying.putRecord(b -> b.streamName("metered")
                                        .partitionKey(key)
                                        .data(SdkBytes.fromByteArray(data)))
                                .sequenceNumber());
            }
            assertThat(throttled.count.get())
                    .as("throttled PutRecord attempts the SDK retried")
                    .isGreaterThan(throttledBefore);

            // And reading the shard gives every record once, with the sequence number it was acknowledged with
            String iterator = retrying.getShardIterator(b -> b.streamName("metered")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            Map<String, String> read = new HashMap<>();
            for (int calls = 0; calls < 200 && read.size() < acknowledged.size(); calls++) {
                String current = iterator;
                GetRecordsResponse response =
                        retrying.getRecords(b -> b.shardIterator(current).limit(1_000));
                for (Record record : response.records()) {
                    assertThat(read.put(record.partitionKey(), record.sequenceNumber()))
                            .as("read once")
                            .isNull();
                }
                iterator = response.nextShardIterator();
            }
            assertThat(read).isEqualTo(acknowledged);

            // And GetRecords beyond 5 calls/s on the shard is refused
            String last = iterator;
            List<ProvisionedThroughputExceededException> refused = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                try {
                    once.getRecords(b -> b.shardIterator(last));
                } catch (ProvisionedThroughputExceededException e) {
                    refused.add(e);
                }
            }
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).awsErrorDetails().errorMessage())
                    .isEqualTo("Rate exceeded for Shard - " + ACCOUNT + "/metered/shardId-000000000000");

            // And a burst of DescribeStream (10 per second per account) is LimitExceededException
            List<LimitExceededException> limited = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try {
                    once.describeStream(b -> b.streamName("metered"));
                } catch (LimitExceededException e) {
                    limited.add(e);
                }
            }
            assertThat(limited).isNotEmpty();
            assertThat(limited.get(0).awsErrorDetails().errorMessage())
                    .isEqualTo("Rate exceeded for stream metered under account " + ACCOUNT + ".");
        }
    }

    @Test
    void kafkaClientsSeeThrottleTimeOnATopicUnderAKinesisProfileAndGetEveryRecord() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = KafkaClients.admin(gateway)) {
            // Given a topic of one partition put under kinesis-provisioned by its config, on an unlimited gateway
            admin.createTopics(List.of(new NewTopic("metered", 1, (short) 1)
                            .configs(Map.of("shardgate.limits.profile", "kinesis-provisioned"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "metered");
            Config described = admin.describeConfigs(List.of(topic))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            assertThat(described.get("shardgate.limits.profile").value()).isEqualTo("kinesis-provisioned");

            // When 3 MiB are produced at once (1 MiB/s per shard)
            byte[] value = new byte[10 * 1024];
            int count = 300;
            List<Long> offsets = new ArrayList<>();
            Map<MetricName, ? extends Metric> producerMetrics;
            try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(gateway, Map.of())) {
                List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    value[0] = (byte) i;
                    sent.add(producer.send(
                            new ProducerRecord<>("metered", 0, KafkaClients.bytes("k" + i), value.clone())));
                }
                for (var future : sent) {
                    offsets.add(future.get(60, TimeUnit.SECONDS).offset());
                }
                producerMetrics = producer.metrics();
                // Then every record is acknowledged, and the broker's throttle time reached the producer
                assertThat(metric(producerMetrics, "producer-metrics", "produce-throttle-time-max"))
                        .as("produce-throttle-time-max")
                        .isGreaterThan(0);
                assertThat(metric(producerMetrics, "producer-metrics", "produce-throttle-time-avg"))
                        .as("produce-throttle-time-avg")
                        .isGreaterThan(0);
            }
            assertThat(offsets)
                    .containsExactlyElementsOf(
                            java.util.stream.LongStream.range(0, count).boxed().toList());

            // And a consumer reads every record in order (2 MiB/s per shard), throttled on the way
            try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(gateway)) {
                TopicPartition partition = new TopicPartition("metered", 0);
                consumer.assign(List.of(partition));
                consumer.seek(partition, 0);
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (records.size() < count && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
                assertThat(records).hasSize(count);
                for (int i = 0; i < count; i++) {
                    assertThat(records.get(i).offset()).isEqualTo(i);
                    assertThat(records.get(i).value()[0]).isEqualTo((byte) i);
                    assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8))
                            .isEqualTo("k" + i);
                }
                assertThat(metric(consumer.metrics(), "consumer-fetch-manager-metrics", "fetch-throttle-time-max"))
                        .as("fetch-throttle-time-max")
                        .isGreaterThan(0);
            }
        }
    }

    @Test
    void aThrottledProduceIsAnsweredAtOnceAndTheConnectionIsMutedForTheThrottleTime() throws Exception {
        try (Gateway gateway = Gateway.start(
                        ItGateways.config(dataDir, Map.of("limits.defaultProfile", "kinesis-provisioned")));
                Admin admin = KafkaClients.admin(gateway)) {
            // Given a topic under kinesis-provisioned (the gateway's default) that takes 4 MiB batches
            admin.createTopics(List.of(
                            new NewTopic("muted", 1, (short) 1).configs(Map.of("max.message.bytes", "4194304"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            try (KafkaWire.Connection connection = new KafkaWire.Connection(gateway.kafkaPort(), 10_000)) {
                // When a raw client (which, unlike kafka-clients, does not wait itself) produces 3 MiB, then asks for
                // ApiVersions on the same connection
                ProduceRequestData produce =
                        new ProduceRequestData().setAcks((short) 1).setTimeoutMs(5_000);
                ProduceRequestData.TopicProduceData topicData =
                        new ProduceRequestData.TopicProduceData().setName("muted");
                topicData
                        .partitionData()
                        .add(new ProduceRequestData.PartitionProduceData()
                                .setIndex(0)
                                .setRecords(MemoryRecords.withRecords(
                                        Compression.NONE, new SimpleRecord(new byte[3 * 1024 * 1024]))));
                produce.topicData().add(topicData);
                byte[] request = KafkaWire.payload(ApiKeys.PRODUCE, (short) 9, 1, produce);
                connection.write(KafkaWire.frame(request));
                connection.write(KafkaWire.frame(KafkaWire.payload(
                        ApiKeys.API_VERSIONS,
                        (short) 3,
                        2,
                        new ApiVersionsRequestData()
                                .setClientSoftwareName("raw")
                                .setClientSoftwareVersion("1"))));

                // Then the produce is stored and answered at once with Kafka's throttle time: 2 MiB (and the batch
                // header) over 1 MiB/s
                ProduceResponse response = (ProduceResponse) AbstractResponse.parseResponse(
                        ByteBuffer.wrap(connection.readFrame().orElseThrow()),
                        RequestHeader.parse(ByteBuffer.wrap(request)));
                assertThat(response.data()
                                .responses()
                                .iterator()
                                .next()
                                .partitionResponses()
                                .get(0)
                                .errorCode())
                        .isZero();
                assertThat(response.data().throttleTimeMs()).isBetween(1_900, 2_100);

                // And nothing more is served on the connection while it is muted, then ApiVersions is answered
                connection.assertOpenAndSilentFor(1_000, "a throttled produce");
                assertThat(connection.readFrame()).isPresent();
            }
        }
    }

    /**
     * Puts {@code entries} in calls of 500, resending the records that failed with
     * {@code ProvisionedThroughputExceededException} after a short back-off, as AWS tells applications to; records
     * each stored record's sequence number by partition key and answers how many failed in the first round.
     */
    private static int putAll(
            KinesisClient client, List<PutRecordsRequestEntry> entries, Map<String, String> acknowledged)
            throws InterruptedException {
        List<PutRecordsRequestEntry> pending = entries;
        int firstFailures = -1;
        for (int round = 0; !pending.isEmpty() && round < 50; round++) {
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += 500) {
                List<PutRecordsRequestEntry> call = pending.subList(from, Math.min(pending.size(), from + 500));
                PutRecordsResponse response =
                        client.putRecords(b -> b.streamName("metered").records(call));
                for (int i = 0; i < call.size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    if (result.errorCode() == null) {
                        assertThat(acknowledged.put(call.get(i).partitionKey(), result.sequenceNumber()))
                                .isNull();
                    } else {
                        assertThat(result.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                        assertThat(result.errorMessage())
                                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream metered under"
                                        + " account " + ACCOUNT + ".");
                        assertThat(result.sequenceNumber()).isNull();
                        failed.add(call.get(i));
                    }
                }
                assertThat(response.failedRecordCount()).isEqualTo((int) response.records().stream()
                        .filter(r -> r.errorCode() != null)
                        .count());
            }
            if (firstFailures < 0) {
                firstFailures = failed.size();
            }
            pending = failed;
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        assertThat(pending).as("records still failing after 50 rounds").isEmpty();
        return firstFailures;
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return metrics.entrySet().stream()
                .filter(e ->
                        e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .filter(v -> v instanceof Double d && !d.isNaN())
                .mapToDouble(v -> (Double) v)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** A record of 2 KiB keyed {@code key}, its data starting with the key. */
    private static PutRecordsRequestEntry entry(String key) {
        byte[] data = new byte[2 * 1024];
        byte[] prefix = key.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        return PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromByteArray(data))
                .build();
    }

    private static KinesisClient client(Gateway gateway, ThrottledResponses throttled, int maxAttempts) {
        return ItClients.kinesisBuilder(gateway)
                .overrideConfiguration(
                        c -> c.addExecutionInterceptor(throttled).retryStrategy(b -> b.maxAttempts(maxAttempts)))
                .build();
    }

    /** Counts the responses that were AWS's throttling errors, including attempts the SDK retried. */
    private static final class ThrottledResponses implements ExecutionInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.httpResponse()
                    .firstMatchingHeader("x-amzn-ErrorType")
                    .filter(type -> type.startsWith("ProvisionedThroughputExceededException"))
                    .isPresent()) {
                count.incrementAndGet();
            }
        }
    }
}
