package io.shardgate.it;

import static io.shardgate.it.KafkaClients.admin;
import static io.shardgate.it.KafkaClients.bytes;
import static io.shardgate.it.KafkaClients.consumer;
import static io.shardgate.it.KafkaClients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;

/**
 * Offsets as Kafka clients look them up: ListOffsets by record timestamp and max timestamp, leader-epoch validation
 * (OffsetForLeaderEpoch), DescribeProducers and DescribeLogDirs, against the real Admin and consumer.
 */
class KafkaOffsetsIT {

    private static final long TIMEOUT_S = 30;
    /** Create timestamps out of offset order, as producers may set them. */
    private static final long[] TIMESTAMPS = {100, 500, 200, 300, 900, 900, 50};

    @TempDir
    Path dataDir;

    @Test
    void shouldListOffsetsByTheRecordsOwnTimestampsAsKafkaDoes() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            TopicPartition partition = createAndFill(gateway, admin, "times");

            // Then by timestamp: the first record in offset order at or after the target, with its own timestamp
            assertThat(listOffset(admin, partition, OffsetSpec.forTimestamp(150)))
                    .isEqualTo(List.of(1L, 500L, 0));
            assertThat(listOffset(admin, partition, OffsetSpec.forTimestamp(501)))
                    .isEqualTo(List.of(4L, 900L, 0));
            assertThat(listOffset(admin, partition, OffsetSpec.forTimestamp(901)))
                    .isEqualTo(List.of(-1L, -1L, -1));
            // And the max timestamp is the first record holding it
            assertThat(listOffset(admin, partition, OffsetSpec.maxTimestamp())).isEqualTo(List.of(4L, 900L, 0));
            // And earliest, latest and earliest-local carry the leader epoch but no timestamp
            assertThat(listOffset(admin, partition, OffsetSpec.earliest())).isEqualTo(List.of(0L, -1L, 0));
            assertThat(listOffset(admin, partition, OffsetSpec.latest())).isEqualTo(List.of(7L, -1L, 0));
            assertThat(listOffset(admin, partition, OffsetSpec.earliestLocal())).isEqualTo(List.of(0L, -1L, 0));
            // And without tiered storage the latest tiered offset is unknown
            assertThat(listOffset(admin, partition, OffsetSpec.latestTiered())).isEqualTo(List.of(-1L, -1L, -1));

            // And the consumer's offsetsForTimes agrees
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway)) {
                Map<TopicPartition, OffsetAndTimestamp> found =
                        consumer.offsetsForTimes(Map.of(partition, 250L), Duration.ofSeconds(TIMEOUT_S));
                assertThat(found.get(partition)).isEqualTo(new OffsetAndTimestamp(1, 500, Optional.of(0)));
                Map<TopicPartition, OffsetAndTimestamp> none =
                        consumer.offsetsForTimes(Map.of(partition, 10_000L), Duration.ofSeconds(TIMEOUT_S));
                assertThat(none.get(partition)).isNull();
            }
        }
    }

    @Test
    void shouldValidatePositionsByLeaderEpochAndDetectTruncation() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            TopicPartition partition = createAndFill(gateway, admin, "epochs");
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway)) {
                consumer.assign(List.of(partition));

                // When a position with leader epoch 0 inside the log is validated, the consumer reads from it
                consumer.seek(partition, new OffsetAndMetadata(5, Optional.of(0), ""));
                List<Long> offsets = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
                while (offsets.size() < 2 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        offsets.add(record.offset());
                    }
                }
                assertThat(offsets).containsExactly(5L, 6L);

                // And a position past the end of epoch 0 is reported as a truncated log, as Kafka reports it
                consumer.seek(partition, new OffsetAndMetadata(20, Optional.of(0), ""));
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 50; i++) {
                                consumer.poll(Duration.ofMillis(200));
                            }
                        })
                        .isInstanceOf(LogTruncationException.class);
            }
        }
    }

    @Test
    void shouldDescribeTheIdempotentProducersOfAPartition() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            TopicPartition partition = createAndFill(gateway, admin, "producers");

            List<ProducerState> producers = admin.describeProducers(List.of(partition))
                    .partitionResult(partition)
                    .get(TIMEOUT_S, TimeUnit.SECONDS)
                    .activeProducers();

            assertThat(producers).hasSize(1);
            ProducerState producer = producers.get(0);
            assertThat(producer.producerId()).isNotNegative();
            assertThat(producer.producerEpoch()).isZero();
            assertThat(producer.lastSequence()).isEqualTo(TIMESTAMPS.length - 1);
            assertThat(producer.lastTimestamp()).isEqualTo(TIMESTAMPS[TIMESTAMPS.length - 1]);
            assertThat(producer.coordinatorEpoch()).isEmpty();
            assertThat(producer.currentTransactionStartOffset()).isEmpty();
        }
    }

    @Test
    void shouldDescribeTheDataDirectoryAsTheOneLogDir() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                Admin admin = admin(gateway)) {
            TopicPartition partition = createAndFill(gateway, admin, "sized");
            admin.createTopics(List.of(new NewTopic("empty", 2, (short) 1)))
                    .all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);

            Map<String, LogDirDescription> dirs =
                    admin.describeLogDirs(List.of(0)).descriptions().get(0).get(TIMEOUT_S, TimeUnit.SECONDS);

            String logDir = dataDir.toAbsolutePath().normalize().toString();
            assertThat(dirs).containsOnlyKeys(logDir);
            LogDirDescription description = dirs.get(logDir);
            assertThat(description.error()).isNull();
            assertThat(description.totalBytes()).isPresent();
            assertThat(description.usableBytes().orElseThrow())
                    .isPositive()
                    .isLessThanOrEqualTo(description.totalBytes().orElseThrow());
            Map<TopicPartition, ReplicaInfo> replicas = description.replicaInfos();
            assertThat(replicas)
                    .containsOnlyKeys(partition, new TopicPartition("empty", 0), new TopicPartition("empty", 1));
            assertThat(replicas.get(partition).size()).isGreaterThan(7L * 10);
            assertThat(replicas.get(new TopicPartition("empty", 0)).size()).isZero();
            assertThat(replicas.get(partition).offsetLag()).isZero();
            assertThat(replicas.get(partition).isFuture()).isFalse();
        }
    }

    /** A one-partition topic holding {@link #TIMESTAMPS}.length records, one batch each, from one idempotent producer. */
    private static TopicPartition createAndFill(Gateway gateway, Admin admin, String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer = producer(gateway, Map.of())) {
            for (long timestamp : TIMESTAMPS) {
                producer.send(new ProducerRecord<>(topic, 0, timestamp, null, bytes("at-" + timestamp)))
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
            }
        }
        return new TopicPartition(topic, 0);
    }

    /** Offset, timestamp and leader epoch (-1 when absent) of one ListOffsets answer. */
    private static List<Object> listOffset(Admin admin, TopicPartition partition, OffsetSpec spec) throws Exception {
        ListOffsetsResultInfo info = admin.listOffsets(Map.of(partition, spec))
                .partitionResult(partition)
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        return List.of(info.offset(), info.timestamp(), info.leaderEpoch().orElse(-1));
    }
}
