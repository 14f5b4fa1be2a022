package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;
import io.shardgate.store.Stream;

/** The Kafka listener against the real kafka-clients producer, consumer and admin, on an in-process gateway. */
class KafkaProtocolIT {

    private static final String TOPIC = "events";
    private static final int PARTITIONS = 3;

    @TempDir
    Path dataDir;

    @Test
    void shouldRoundTripRecordsByteExactWhenRealClientsProduceAndConsume() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                // Given a topic created and described through Admin
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                TopicDescription description = admin.describeTopics(List.of(TOPIC))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(TOPIC);
                Stream stream = gateway.store().stream(TOPIC).orElseThrow();
                assertThat(description.partitions()).hasSize(PARTITIONS);
                assertThat(description.topicId())
                        .isEqualTo(new Uuid(
                                stream.id().getMostSignificantBits(),
                                stream.id().getLeastSignificantBits()));
                assertThat(description.partitions().get(0).leader().port()).isEqualTo(gateway.kafkaPort());

                // When a default producer (idempotent, acks=all) and a gzip and a zstd producer send
                List<Sent> sent = new ArrayList<>();
                sent.addAll(produce(bootstrap, Map.of(), "default", 1_000));
                sent.addAll(produce(bootstrap, Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip"), "gzip", 50));
                sent.addAll(produce(bootstrap, Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"), "zstd", 50));

                // Then a consumer reads every record back, byte-exact, at the offsets the producers were given
                Map<String, ConsumerRecord<byte[], byte[]>> read = consumeAll(bootstrap, sent.size());
                assertThat(read).hasSize(sent.size());
                for (Sent record : sent) {
                    ConsumerRecord<byte[], byte[]> got = read.get(record.partition() + "@" + record.offset());
                    assertThat(got)
                            .as("record at %s@%s", record.partition(), record.offset())
                            .isNotNull();
                    assertThat(got.key()).isEqualTo(record.key());
                    assertThat(got.value()).isEqualTo(record.value());
                    assertThat(Arrays.asList(got.headers().toArray())).containsExactlyElementsOf(record.headers());
                }

                // And listOffsets reports earliest 0 and latest = the records of each partition
                Map<TopicPartition, Long> counts = new HashMap<>();
                sent.forEach(s -> counts.merge(new TopicPartition(TOPIC, s.partition()), 1L, Long::sum));
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    earliest.put(new TopicPartition(TOPIC, p), OffsetSpec.earliest());
                    latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> first =
                        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> last =
                        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition(TOPIC, p);
                    assertThat(first.get(tp).offset()).isZero();
                    assertThat(last.get(tp).offset()).isEqualTo(counts.getOrDefault(tp, 0L));
                }
            }
        }
    }

    @Test
    void shouldRefuseWritesWhenTheTopicIsUnknown() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();

            // Given / When a producer sends to a topic that does not exist (no auto-creation)
            Properties props = producerProps(bootstrap);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                Future<RecordMetadata> result = producer.send(new ProducerRecord<>("nope", bytes("v")));

                // Then it fails as against Apache Kafka: the topic never shows up in metadata
                assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(TimeoutException.class)
                        .hasMessageContaining("not present in metadata");
            }

            // And a raw Produce request to it is answered with UNKNOWN_TOPIC_OR_PARTITION for the partition
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                ProduceRequestData data =
                        new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000);
                ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName("nope");
                topic.partitionData()
                        .add(new ProduceRequestData.PartitionProduceData()
                                .setIndex(0)
                                .setRecords(MemoryRecords.withRecords(
                                        Compression.NONE, new SimpleRecord(bytes("k"), bytes("v")))));
                data.topicData().add(topic);
                short version = 12;
                ProduceResponse response = (ProduceResponse)
                        client.send(new ProduceRequest.Builder(version, version, data).build(version), 7);
                ProduceResponseData.PartitionProduceResponse partition = response.data()
                        .responses()
                        .iterator()
                        .next()
                        .partitionResponses()
                        .get(0);
                assertThat(Errors.forCode(partition.errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            }
        }
    }

    @Test
    void shouldCloseOnlyThatConnectionWhenAFrameIsGarbageOrTooLarge() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            // Given / When a client sends a garbage frame, then another an oversized size prefix
            assertClosedAfter(
                    gateway.kafkaPort(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedAfter(
                    gateway.kafkaPort(),
                    ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(1).array());
            assertClosedAfter(
                    gateway.kafkaPort(),
                    ByteBuffer.allocate(12).putInt(8).putLong(-1L).array());

            // Then a second client is still served
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                ApiVersionsResponse response =
                        (ApiVersionsResponse) client.send(new ApiVersionsRequest.Builder().build((short) 3), 1);
                assertThat(Errors.forCode(response.data().errorCode())).isEqualTo(Errors.NONE);
                assertThat(response.data().apiKeys().find(ApiKeys.PRODUCE.id).minVersion())
                        .isZero();
                assertThat(response.data().apiKeys().find(ApiKeys.FETCH.id)).isNotNull();
            }
        }
    }

    @Test
    void shouldParkAFetchUntilRecordsArriveOrMaxWaitPasses() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            createTopic(bootstrap, 1);
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                // Given an empty partition, When a fetch waits at most 300 ms
                long started = System.nanoTime();
                FetchResponseData.PartitionData empty = fetch(client, 300, 21);

                // Then it is answered after about max_wait_ms, without records
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
                assertThat(empty.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(empty.highWatermark()).isZero();
                assertThat(((MemoryRecords) empty.records()).sizeInBytes()).isZero();

                // When a fetch may wait 20 s and an acks=0 producer writes meanwhile
                Properties props = producerProps(bootstrap);
                props.put(ProducerConfig.ACKS_CONFIG, "0");
                props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
                Thread writer = new Thread(() -> {
                    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                        Thread.sleep(300);
                        producer.send(new ProducerRecord<>(TOPIC, bytes("k"), bytes("late")));
                        producer.flush();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                writer.start();
                started = System.nanoTime();
                FetchResponseData.PartitionData woken = fetch(client, 20_000, 22);
                writer.join();

                // Then the appended signal wakes it well before max_wait_ms, with the record
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
                assertThat(woken.highWatermark()).isEqualTo(1);
                assertThat(woken.lastStableOffset()).isEqualTo(1);
                MemoryRecords records = (MemoryRecords) woken.records();
                assertThat(records.records().iterator().next().value()).isEqualTo(ByteBuffer.wrap(bytes("late")));
            }
        }
    }

    @Test
    void shouldReplaceTheWholeConfigSetWithTheLegacyAlterConfigs() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                    RawClient client = new RawClient(gateway.kafkaPort())) {
                // Given a topic with a compression type set
                admin.createTopics(
                                List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("compression.type", "zstd"))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);

                // When the legacy AlterConfigs sets only retention.ms
                AlterConfigsResponse response = (AlterConfigsResponse) client.send(
                        new AlterConfigsRequest.Builder(
                                        Map.of(
                                                topic,
                                                new AlterConfigsRequest.Config(List.of(
                                                        new AlterConfigsRequest.ConfigEntry("retention.ms", "60000")))),
                                        false)
                                .build((short) 2),
                        1);

                // Then retention.ms is set and compression.type is back to its default
                assertThat(response.errors().get(topic).error()).isEqualTo(Errors.NONE);
                Stream stream = gateway.store().stream(TOPIC).orElseThrow();
                assertThat(stream.settings().retentionMs()).isEqualTo(60_000L);
                assertThat(stream.settings().configs()).doesNotContainKey("kafka.compression.type");

                // And an unknown name is refused with INVALID_CONFIG, a broker resource as read-only
                AlterConfigsResponse unknown = (AlterConfigsResponse) client.send(
                        new AlterConfigsRequest.Builder(
                                        Map.of(
                                                topic,
                                                new AlterConfigsRequest.Config(
                                                        List.of(new AlterConfigsRequest.ConfigEntry("nope", "1")))),
                                        false)
                                .build((short) 2),
                        2);
                assertThat(unknown.errors().get(topic).error()).isEqualTo(Errors.INVALID_CONFIG);
            }
        }
    }

    @Test
    void shouldFillAFetchInRequestOrderWithinMaxBytesAsKafkaDoes() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            createTopic(bootstrap, 3);
            // Given two batches of about 1 KB in each of three partitions
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
                for (int batch = 0; batch < 2; batch++) {
                    for (int partition = 0; partition < 3; partition++) {
                        producer.send(new ProducerRecord<>(TOPIC, partition, null, new byte[1_000]))
                                .get(30, TimeUnit.SECONDS);
                    }
                }
            }
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                // When the response may hold 2,500 bytes: partition 0's two batches fit, nothing after them
                assertThat(batchesPerPartition(client, 2_500, 1 << 20, 31)).containsExactly(2, 0, 0);
                // When it may hold 100 bytes: the first batch of the first partition still goes (minOneMessage)
                assertThat(batchesPerPartition(client, 100, 1 << 20, 32)).containsExactly(1, 0, 0);
                // When each partition may give 1,500 bytes: one batch from each
                assertThat(batchesPerPartition(client, 1 << 20, 1_500, 33)).containsExactly(1, 1, 1);
                // When each partition may give 100 bytes: only the first partition's first batch
                assertThat(batchesPerPartition(client, 1 << 20, 100, 34)).containsExactly(1, 0, 0);
            }
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWithProducesAppendedInOrder() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            createTopic(bootstrap, 2);
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                // When twelve produces, a metadata request and two more produces are sent without waiting
                List<RequestHeader> sent = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    sent.add(client.write(produce(i % 2, "r" + i), 100 + i));
                }
                sent.add(client.write(new MetadataRequest.Builder(List.of(TOPIC), false).build((short) 12), 200));
                for (int i = 12; i < 14; i++) {
                    sent.add(client.write(produce(i % 2, "r" + i), 100 + i));
                }

                // Then every response comes back in request order, each partition's offsets in the order sent
                List<Long> offsetsOfPartition0 = new ArrayList<>();
                for (RequestHeader header : sent) {
                    AbstractResponse response = client.receive(header);
                    if (header.apiKey() == ApiKeys.PRODUCE) {
                        ProduceResponseData.PartitionProduceResponse partition = ((ProduceResponse) response)
                                .data()
                                .responses()
                                .iterator()
                                .next()
                                .partitionResponses()
                                .get(0);
                        assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
                        if (partition.index() == 0) {
                            offsetsOfPartition0.add(partition.baseOffset());
                        }
                    }
                }
                assertThat(offsetsOfPartition0).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            }
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (values.size() < 7 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200))
                            .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
                }
                assertThat(values).containsExactly("r0", "r2", "r4", "r6", "r8", "r10", "r12");
            }
        }
    }

    @Test
    void shouldAnswerOffsetCommitsAndFetchesOfGroupsWithoutMembersAsKafkaDoes() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir))) {
            String bootstrap = "127.0.0.1:" + gateway.kafkaPort();
            createTopic(bootstrap, 2);
            try (RawClient client = new RawClient(gateway.kafkaPort())) {
                // A commit claiming a member and a generation of a group that does not exist
                assertThat(commit(client, (short) 9, "g", 3, "member-1", 0, 5, "", 41))
                        .containsExactly(Errors.GROUP_ID_NOT_FOUND);
                assertThat(commit(client, (short) 8, "g", 3, "member-1", 0, 5, "", 42))
                        .containsExactly(Errors.ILLEGAL_GENERATION);
                // A simple commit (no member, generation -1) is stored; then the group exists, empty
                assertThat(commit(client, (short) 9, "g", -1, "", 0, 5, "meta", 43))
                        .containsExactly(Errors.NONE);
                assertThat(commit(client, (short) 9, "g", 3, "member-1", 0, 6, "", 44))
                        .containsExactly(Errors.UNKNOWN_MEMBER_ID);
                // Bad group ids, oversized metadata and unknown partitions
                assertThat(commit(client, (short) 9, "", -1, "", 0, 5, "", 45))
                        .containsExactly(Errors.INVALID_GROUP_ID);
                assertThat(commit(client, (short) 9, "g", -1, "", 0, 5, "x".repeat(4097), 46))
                        .containsExactly(Errors.OFFSET_METADATA_TOO_LARGE);
                assertThat(commit(client, (short) 9, "g", -1, "", 7, 5, "", 47))
                        .containsExactly(Errors.UNKNOWN_TOPIC_OR_PARTITION);

                // OffsetFetch v7 (one group) and v9 (several): the committed offset, -1 where none
                OffsetFetchResponseData v7 = ((OffsetFetchResponse) client.send(
                                offsetFetch(Map.of("g", List.of(0, 1))).build((short) 7), 48))
                        .data();
                assertThat(v7.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(v7.topics().get(0).partitions())
                        .extracting(p -> p.partitionIndex() + ":" + p.committedOffset() + ":" + p.metadata())
                        .containsExactly("0:5:meta", "1:-1:");
                OffsetFetchResponseData v9 = ((OffsetFetchResponse) client.send(
                                offsetFetch(Map.of("g", List.of(0), "other", List.of(0)))
                                        .build((short) 9),
                                49))
                        .data();
                assertThat(v9.groups())
                        .extracting(g -> g.groupId() + "="
                                + g.topics().get(0).partitions().get(0).committedOffset())
                        .containsExactlyInAnyOrder("g=5", "other=-1");
            }
        }
    }

    /** An OffsetFetch of partitions of {@link #TOPIC} for each group. */
    private static OffsetFetchRequest.Builder offsetFetch(Map<String, List<Integer>> partitionsByGroup) {
        OffsetFetchRequestData data = new OffsetFetchRequestData().setRequireStable(false);
        partitionsByGroup.forEach((group, partitions) -> data.groups()
                .add(new OffsetFetchRequestData.OffsetFetchRequestGroup()
                        .setGroupId(group)
                        .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics()
                                .setName(TOPIC)
                                .setPartitionIndexes(partitions)))));
        return OffsetFetchRequest.Builder.forTopicNames(data, false);
    }

    /** The error code of each partition in the answer to one OffsetCommit of one partition of {@link #TOPIC}. */
    private static List<Errors> commit(
            RawClient client,
            short version,
            String group,
            int generation,
            String member,
            int partition,
            long offset,
            String metadata,
            int correlationId)
            throws IOException {
        OffsetCommitRequestData data = new OffsetCommitRequestData()
                .setGroupId(group)
                .setGenerationIdOrMemberEpoch(generation)
                .setMemberId(member);
        data.topics()
                .add(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                        .setName(TOPIC)
                        .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(partition)
                                .setCommittedOffset(offset)
                                .setCommittedMetadata(metadata))));
        OffsetCommitResponse response = (OffsetCommitResponse)
                client.send(OffsetCommitRequest.Builder.forTopicNames(data).build(version), correlationId);
        List<Errors> errors = new ArrayList<>();
        response.data().topics().forEach(topic -> topic.partitions()
                .forEach(p -> errors.add(Errors.forCode(p.errorCode()))));
        return errors;
    }

    private static ProduceRequest produce(int partition, String value) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData()
                .add(new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition)
                        .setRecords(MemoryRecords.withRecords(
                                Compression.NONE, new SimpleRecord(bytes("k"), bytes(value)))));
        data.topicData().add(topic);
        short version = 12;
        return new ProduceRequest.Builder(version, version, data).build(version);
    }

    /** Fetches partitions 0, 1, 2 from offset 0 and counts the batches each answered with (all with HW 2). */
    private static List<Integer> batchesPerPartition(
            RawClient client, int maxBytes, int partitionMaxBytes, int correlationId) throws IOException {
        FetchRequestData data = new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(0)
                .setMinBytes(1)
                .setMaxBytes(maxBytes)
                .setSessionId(0)
                .setSessionEpoch(-1);
        List<FetchRequestData.FetchPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            partitions.add(new FetchRequestData.FetchPartition()
                    .setPartition(partition)
                    .setFetchOffset(0)
                    .setPartitionMaxBytes(partitionMaxBytes));
        }
        data.topics().add(new FetchRequestData.FetchTopic().setTopic(TOPIC).setPartitions(partitions));
        FetchResponse response = (FetchResponse) client.send(new FetchRequest(data, (short) 12), correlationId);
        List<Integer> counts = new ArrayList<>();
        for (FetchResponseData.PartitionData partition :
                response.data().responses().get(0).partitions()) {
            assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partition.highWatermark()).isEqualTo(2);
            int batches = 0;
            for (var ignored : ((MemoryRecords) partition.records()).batches()) {
                batches++;
            }
            counts.add(batches);
        }
        return counts;
    }

    private static FetchResponseData.PartitionData fetch(RawClient client, int maxWaitMs, int correlationId)
            throws IOException {
        FetchRequestData data = new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(maxWaitMs)
                .setMinBytes(1)
                .setMaxBytes(1 << 20)
                .setSessionId(0)
                .setSessionEpoch(-1);
        data.topics()
                .add(new FetchRequestData.FetchTopic()
                        .setTopic(TOPIC)
                        .setPartitions(List.of(new FetchRequestData.FetchPartition()
                                .setPartition(0)
                                .setFetchOffset(0)
                                .setPartitionMaxBytes(1 << 20))));
        short version = 12;
        FetchResponse response = (FetchResponse) client.send(new FetchRequest(data, version), correlationId);
        assertThat(response.data().sessionId()).isZero();
        return response.data().responses().get(0).partitions().get(0);
    }

    private static void assertClosedAfter(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("end of stream").isEqualTo(-1);
        }
    }

    private List<Sent> produce(String bootstrap, Map<String, String> overrides, String label, int count)
            throws Exception {
        Properties props = producerProps(bootstrap);
        props.putAll(overrides);
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                List<Header> headers = List.of(
                        new RecordHeader("source", bytes(label)),
                        new RecordHeader("index", bytes(Integer.toString(i))));
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        TOPIC,
                        null,
                        bytes(label + "-key-" + i),
                        bytes(label + "-value-" + i + "-" + "x".repeat(i % 97)),
                        headers);
                records.add(record);
                futures.add(producer.send(record));
            }
            producer.flush();
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordMetadata metadata = futures.get(i).get(30, TimeUnit.SECONDS);
            ProducerRecord<byte[], byte[]> record = records.get(i);
            sent.add(new Sent(
                    metadata.partition(),
                    metadata.offset(),
                    record.key(),
                    record.value(),
                    Arrays.asList(record.headers().toArray())));
        }
        return sent;
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4096");
        Map<String, ConsumerRecord<byte[], byte[]>> read = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(read.put(record.partition() + "@" + record.offset(), record))
                            .as("duplicate %s@%s", record.partition(), record.offset())
                            .isNull();
                }
            }
        }
        return read;
    }

    /** Creates {@link #TOPIC} with Kafka's Admin client. */
    private static void createTopic(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Sent(int partition, long offset, byte[] key, byte[] value, List<Header> headers) {}

    /** One blocking connection that sends requests serialized by kafka-clients and parses the responses. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final DataOutputStream out;
        private final DataInputStream in;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        AbstractResponse send(AbstractRequest request, int correlationId) throws IOException {
            return receive(write(request, correlationId));
        }

        /** Sends a request without waiting; {@link #receive} reads its response later. */
        RequestHeader write(AbstractRequest request, int correlationId) throws IOException {
            RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "it", correlationId);
            ByteBuffer frame = request.serializeWithHeader(header);
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
            return header;
        }

        /** Reads the next response, which must answer {@code header}. */
        AbstractResponse receive(RequestHeader header) throws IOException {
            int size = in.readInt();
            if (size < 0) {
                throw new EOFException("negative size");
            }
            byte[] response = new byte[size];
            in.readFully(response);
            return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
