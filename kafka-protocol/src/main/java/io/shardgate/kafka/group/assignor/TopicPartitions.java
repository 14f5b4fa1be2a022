package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/**
 * The topics an assignor may assign: topic id → partition count, and optionally the racks that hold each partition.
 *
 * @param partitionCounts topic id → number of partitions (partitions are {@code 0 .. count - 1})
 * @param partitionRacks topic id → for each partition, the racks of its replicas; topics may be missing. Carried for
 *     rack-aware assignment; neither assignor uses it yet (Kafka 4.4's do not either).
 */
public record TopicPartitions(Map<Uuid, Integer> partitionCounts, Map<Uuid, List<Set<String>>> partitionRacks) {

    public TopicPartitions {
        SortedMap<Uuid, Integer> counts = new TreeMap<>();
        Objects.requireNonNull(partitionCounts, "partitionCounts").forEach((topicId, count) -> {
            if (Objects.requireNonNull(count, "partition count") < 0) {
                throw new IllegalArgumentException("topic " + topicId + " has a negative partition count");
            }
            counts.put(Objects.requireNonNull(topicId, "topic id"), count);
        });
        SortedMap<Uuid, List<Set<String>>> racks = new TreeMap<>();
        Objects.requireNonNull(partitionRacks, "partitionRacks").forEach((topicId, perPartition) -> {
            Integer count = counts.get(topicId);
            if (count == null || perPartition.size() != count) {
                throw new IllegalArgumentException("racks of topic " + topicId + " do not match its partition count");
            }
            List<Set<String>> copy = new ArrayList<>(perPartition.size());
            perPartition.forEach(set -> copy.add(Collections.unmodifiableSortedSet(new TreeSet<>(set))));
            racks.put(topicId, Collections.unmodifiableList(copy));
        });
        partitionCounts = Collections.unmodifiableSortedMap(counts);
        partitionRacks = Collections.unmodifiableSortedMap(racks);
    }

    /** Topics without rack information. */
    public static TopicPartitions of(Map<Uuid, Integer> partitionCounts) {
        return new TopicPartitions(partitionCounts, Map.of());
    }

    /** The topic's partition count, or empty when the topic is unknown. */
    public OptionalInt partitionCount(Uuid topicId) {
        Integer count = partitionCounts.get(topicId);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /** The racks of a partition's replicas; empty when unknown. */
    public Set<String> racks(Uuid topicId, int partition) {
        List<Set<String>> racks = partitionRacks.get(topicId);
        return racks == null || partition < 0 || partition >= racks.size() ? Set.of() : racks.get(partition);
    }

    /** The partition count of a subscribed topic; {@link AssignmentException} when the topic is unknown. */
    int subscribedPartitionCount(Uuid topicId) {
        Integer count = partitionCounts.get(topicId);
        if (count == null) {
            throw new AssignmentException(
                    "Members are subscribed to topic " + topicId + " which doesn't exist in the topic metadata.");
        }
        return count;
    }
}
