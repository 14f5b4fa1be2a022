package io.shardgate.kafka.group.assignor;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/**
 * Immutable, sorted copies of the package's collections. Sorted, not {@code Set.copyOf}: the iteration order of
 * {@code Set.of}/{@code Map.of} changes from one JVM run to the next, and the assignors walk these collections in
 * order, so a sorted order is what keeps an assignment the same for the same input.
 */
final class Copies {

    private Copies() {}

    static SortedSet<Uuid> topicIds(Collection<Uuid> topicIds) {
        TreeSet<Uuid> copy = new TreeSet<>();
        for (Uuid topicId : Objects.requireNonNull(topicIds, "topicIds")) {
            copy.add(Objects.requireNonNull(topicId, "topic id"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    static SortedSet<Integer> partitions(Collection<Integer> partitions) {
        TreeSet<Integer> copy = new TreeSet<>();
        for (Integer partition : Objects.requireNonNull(partitions, "partitions")) {
            if (Objects.requireNonNull(partition, "partition") < 0) {
                throw new IllegalArgumentException("negative partition " + partition);
            }
            copy.add(partition);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    /** Topic id → partitions, without topics whose set is empty. */
    static SortedMap<Uuid, Set<Integer>> topicPartitions(Map<Uuid, ? extends Collection<Integer>> assignment) {
        TreeMap<Uuid, Set<Integer>> copy = new TreeMap<>();
        Objects.requireNonNull(assignment, "assignment").forEach((topicId, partitions) -> {
            SortedSet<Integer> set = partitions(partitions);
            if (!set.isEmpty()) {
                copy.put(Objects.requireNonNull(topicId, "topic id"), set);
            }
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
