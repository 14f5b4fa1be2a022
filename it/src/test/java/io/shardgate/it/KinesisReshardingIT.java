package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

import io.shardgate.gateway.Gateway;

/**
 * Resharding, retention and tags through the real AWS SDK for Java v2 (sync client, CBOR): a stream of one shard is
 * split, merged and scaled 1 → 2 → 1 while records are put, then read from TRIM_HORIZON following the lineage that
 * GetRecords reports at each parent's end: every record exactly once and, per partition key, in put order.
 */
class KinesisReshardingIT {

    private static final String STREAM = "resharded";
    private static final int KEYS = 20;

    @TempDir
    Path dataDir;

    @Test
    void shouldReadEveryRecordOnceInKeyOrderWhenFollowingLineageAcrossResharding() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given a stream of one shard with records of 20 keys
            client.createStream(b -> b.streamName(STREAM).shardCount(1));
            awaitActive(client);
            Map<String, List<String>> put = new LinkedHashMap<>();
            putPhase(client, put, "initial");

            // When it is split at the middle of the hash-key space
            String middle = BigInteger.ONE.shiftLeft(127).toString();
            client.splitShard(b ->
                    b.streamName(STREAM).shardToSplit("shardId-000000000000").newStartingHashKey(middle));

            // Then it is UPDATING and takes no second resharding, and the parent cannot be split again
            assertThat(status(client)).isEqualTo(StreamStatus.UPDATING);
            assertThatThrownBy(() -> client.mergeShards(b -> b.streamName(STREAM)
                            .shardToMerge("shardId-000000000001")
                            .adjacentShardToMerge("shardId-000000000002")))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("not ACTIVE, instead in state UPDATING");
            putPhase(client, put, "while-updating");
            awaitActive(client);
            assertThatThrownBy(() -> client.splitShard(b -> b.streamName(STREAM)
                            .shardToSplit("shardId-000000000000")
                            .newStartingHashKey("5")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("has already been merged or split");
            putPhase(client, put, "split");

            // When the children are merged back
            client.mergeShards(b -> b.streamName(STREAM)
                    .shardToMerge("shardId-000000000001")
                    .adjacentShardToMerge("shardId-000000000002"));
            awaitActive(client);
            putPhase(client, put, "merged");
            Instant mergedOnly = Instant.now();
            Thread.sleep(20);

            // And scaled 1 -> 2 -> 1 (not 1 -> 3: at most double per call)
            assertThatThrownBy(() -> client.updateShardCount(
                            b -> b.streamName(STREAM).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining(
                            "UpdateShardCount cannot scale up over double your current open shard count. Current"
                                    + " open shard count: 1 Target shard count: 3");
            UpdateShardCountResponse up = client.updateShardCount(
                    b -> b.streamName(STREAM).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING));
            assertThat(up.currentShardCount()).isEqualTo(1);
            assertThat(up.targetShardCount()).isEqualTo(2);
            assertThat(up.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + STREAM);
            awaitActive(client);
            putPhase(client, put, "scaled-up");
            client.updateShardCount(
                    b -> b.streamName(STREAM).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING));
            awaitActive(client);
            putPhase(client, put, "scaled-down");

            // Then every closed shard shows its ending sequence number, the open one none
            List<Shard> all = client.describeStream(b -> b.streamName(STREAM))
                    .streamDescription()
                    .shards();
            assertThat(all).extracting(Shard::shardId).containsExactly(ids(0, 1, 2, 3, 4, 5, 6));
            assertThat(all.subList(0, 6))
                    .allSatisfy(shard -> assertThat(shard.sequenceNumberRange().endingSequenceNumber())
                            .isNotNull());
            assertThat(all.get(6).sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(all.get(3).parentShardId()).isEqualTo("shardId-000000000001");
            assertThat(all.get(3).adjacentParentShardId()).isEqualTo("shardId-000000000002");
            assertThat(all.get(6).parentShardId()).isEqualTo("shardId-000000000004");
            assertThat(all.get(6).adjacentParentShardId()).isEqualTo("shardId-000000000005");

            // And the filters of ListShards
            assertThat(listShards(client, f -> f.type(ShardFilterType.AT_LATEST)))
                    .containsExactly(ids(6));
            assertThat(listShards(client, f -> f.type(ShardFilterType.AT_TRIM_HORIZON)))
                    .containsExactly(ids(0));
            assertThat(listShards(client, f -> f.type(ShardFilterType.FROM_TRIM_HORIZON)))
                    .containsExactly(ids(0, 1, 2, 3, 4, 5, 6));
            assertThat(listShards(
                            client, f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000004")))
                    .containsExactly(ids(5, 6));
            assertThat(listShards(
                            client, f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(mergedOnly)))
                    .containsExactly(ids(3));
            assertThat(listShards(
                            client, f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(mergedOnly)))
                    .containsExactly(ids(3, 4, 5, 6));

            // And reading from TRIM_HORIZON, parents before children, gives every record once, in key order
            Map<String, List<String>> read = readFollowingLineage(client, 7);
            assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(put.keySet());
            put.forEach((key, values) -> assertThat(read.get(key)).as(key).containsExactlyElementsOf(values));
        }
    }

    @Test
    void shouldChangeRetentionAndKeepTagsWhenTheSdkAsks() throws Exception {
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Given
            client.createStream(b -> b.streamName(STREAM).shardCount(1).tags(Map.of("team", "data")));
            awaitActive(client);

            // When the retention goes up and down
            client.increaseStreamRetentionPeriod(b -> b.streamName(STREAM).retentionPeriodHours(168));
            assertThat(retention(client)).isEqualTo(168);
            assertThatThrownBy(() -> client.increaseStreamRetentionPeriod(
                            b -> b.streamName(STREAM).retentionPeriodHours(48)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Requested retention period (48 hours) for stream " + STREAM
                            + " can not be shorter than existing retention period (168 hours). Use"
                            + " DecreaseRetentionPeriod API.");
            assertThatThrownBy(() -> client.decreaseStreamRetentionPeriod(
                            b -> b.streamName(STREAM).retentionPeriodHours(12)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Minimum allowed retention period is 24 hours. Requested retention period"
                            + " (12 hours) is too short.");
            assertThatThrownBy(() -> client.increaseStreamRetentionPeriod(
                            b -> b.streamName(STREAM).retentionPeriodHours(9000)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Maximum allowed retention period is 8760 hours.");
            client.decreaseStreamRetentionPeriod(b -> b.streamName(STREAM).retentionPeriodHours(24));
            assertThat(retention(client)).isEqualTo(24);

            // And tags are added, paged, removed, and seen by ARN
            client.addTagsToStream(b -> b.streamName(STREAM).tags(Map.of("env", "dev", "owner", "me")));
            ListTagsForStreamResponse page =
                    client.listTagsForStream(b -> b.streamName(STREAM).limit(2));
            assertThat(page.tags()).extracting(Tag::key).containsExactly("env", "owner");
            assertThat(page.hasMoreTags()).isTrue();
            ListTagsForStreamResponse rest =
                    client.listTagsForStream(b -> b.streamName(STREAM).exclusiveStartTagKey("owner"));
            assertThat(rest.tags())
                    .containsExactly(Tag.builder().key("team").value("data").build());
            assertThat(rest.hasMoreTags()).isFalse();
            String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + STREAM;
            client.removeTagsFromStream(b -> b.streamName(STREAM).tagKeys("env"));
            client.tagResource(b -> b.resourceARN(arn).tags(Map.of("cost", "42")));
            client.untagResource(b -> b.resourceARN(arn).tagKeys("owner"));
            assertThat(client.listTagsForResource(b -> b.resourceARN(arn)).tags())
                    .extracting(Tag::key, Tag::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("cost", "42"),
                            org.assertj.core.groups.Tuple.tuple("team", "data"));
            assertThatThrownBy(() ->
                            client.addTagsToStream(b -> b.streamName(STREAM).tags(Map.of("bad", "a*b"))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Some tags contain invalid characters.");
        }
    }

    @Test
    void shouldBecomeActiveAfterARestartWhenAReshardingLeftTheStreamUpdating() throws Exception {
        // Given a stream split by a gateway whose status delay outlives it
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            client.createStream(b -> b.streamName(STREAM).shardCount(1));
            awaitActive(client);
        }
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, Map.of("kinesis.statusDelayMs", "600000")));
                KinesisClient client = ItClients.kinesis(gateway)) {
            client.splitShard(b ->
                    b.streamName(STREAM).shardToSplit("shardId-000000000000").newStartingHashKey("7"));
            assertThat(status(client)).isEqualTo(StreamStatus.UPDATING);
        }

        // When the gateway starts again
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir));
                KinesisClient client = ItClients.kinesis(gateway)) {
            // Then the stream is ACTIVE with the children, and takes the next resharding
            awaitActive(client);
            assertThat(listShards(client, f -> f.type(ShardFilterType.AT_LATEST)))
                    .containsExactly(ids(1, 2));
            client.mergeShards(b -> b.streamName(STREAM)
                    .shardToMerge("shardId-000000000001")
                    .adjacentShardToMerge("shardId-000000000002"));
            awaitActive(client);
            assertThat(listShards(client, f -> f.type(ShardFilterType.AT_LATEST)))
                    .containsExactly(ids(3));
        }
    }

    /** Two records per key, values tagged with the phase, remembered in put order. */
    private static void putPhase(KinesisClient client, Map<String, List<String>> put, String phase) {
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                String value = key + "/" + phase + "/" + n;
                client.putRecord(b -> b.streamName(STREAM)
                        .partitionKey(key)
                        .data(SdkBytes.fromString(value, StandardCharsets.UTF_8)));
                put.computeIfAbsent(key, ignored -> new ArrayList<>()).add(value);
            }
        }
    }

    /**
     * Reads the shards open at the trim horizon, and each child once all its parents are read (as the ChildShards at
     * a parent's end tell), each from TRIM_HORIZON to its end: the values by partition key, in read order.
     */
    private static Map<String, List<String>> readFollowingLineage(KinesisClient client, int expectedShards) {
        Map<String, List<String>> read = new TreeMap<>();
        Set<String> sequenceNumbers = new HashSet<>();
        Set<String> done = new HashSet<>();
        Deque<String> ready = new ArrayDeque<>(listShards(client, f -> f.type(ShardFilterType.AT_TRIM_HORIZON)));
        while (!ready.isEmpty()) {
            String shardId = ready.poll();
            String iterator = client.getShardIterator(b ->
                            b.streamName(STREAM).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<ChildShard> children = List.of();
            for (int calls = 0; iterator != null && calls < 100; calls++) {
                String current = iterator;
                GetRecordsResponse response =
                        client.getRecords(b -> b.shardIterator(current).limit(7));
                for (Record record : response.records()) {
                    assertThat(sequenceNumbers.add(record.sequenceNumber())).isTrue();
                    read.computeIfAbsent(record.partitionKey(), ignored -> new ArrayList<>())
                            .add(record.data().asUtf8String());
                }
                iterator = response.nextShardIterator();
                if (response.hasChildShards() && !response.childShards().isEmpty()) {
                    assertThat(iterator)
                            .as("the iterator at the end of %s", shardId)
                            .isNull();
                    children = response.childShards();
                }
                if (response.records().isEmpty() && iterator != null && response.millisBehindLatest() == 0) {
                    break; // the tip of an open shard
                }
            }
            done.add(shardId);
            for (ChildShard child : children) {
                if (done.containsAll(child.parentShards())
                        && !done.contains(child.shardId())
                        && !ready.contains(child.shardId())) {
                    ready.add(child.shardId());
                }
            }
        }
        assertThat(done).hasSize(expectedShards);
        return read;
    }

    private static List<String> listShards(KinesisClient client, Consumer<ShardFilter.Builder> filter) {
        return client.listShards(b -> b.streamName(STREAM).shardFilter(filter)).shards().stream()
                .map(Shard::shardId)
                .toList();
    }

    private static String[] ids(int... indexes) {
        String[] ids = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            ids[i] = String.format("shardId-%012d", indexes[i]);
        }
        return ids;
    }

    private static StreamStatus status(KinesisClient client) {
        return client.describeStreamSummary(b -> b.streamName(STREAM))
                .streamDescriptionSummary()
                .streamStatus();
    }

    private static int retention(KinesisClient client) {
        return client.describeStreamSummary(b -> b.streamName(STREAM))
                .streamDescriptionSummary()
                .retentionPeriodHours();
    }

    private static void awaitActive(KinesisClient client) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(client) == StreamStatus.ACTIVE);
    }
}
