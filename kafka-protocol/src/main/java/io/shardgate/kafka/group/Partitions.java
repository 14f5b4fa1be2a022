package io.shardgate.kafka.group;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.Uuid;

/** Helpers for topic id → partitions maps: immutable sorted copies without empty entries. */
final class Partitions {
    private Partitions() {}

    static Map<Uuid, Set<Integer>> copy(Map<Uuid, Set<Integer>> partitions) {
        TreeMap<Uuid, Set<Integer>> copy = new TreeMap<>();
        if (partitions != null) {
            partitions.forEach((topicId, set) -> {
                if (set != null && !set.isEmpty()) {
                    copy.put(topicId, Collections.unmodifiableSortedSet(new TreeSet<>(set)));
                }
            });
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /** {@code a - b}. */
    static Map<Uuid, Set<Integer>> minus(Map<Uuid, Set<Integer>> a, Map<Uuid, Set<Integer>> b) {
        TreeMap<Uuid, Set<Integer>> result = new TreeMap<>();
        a.forEach((topicId, set) -> {
            Set<Integer> rest = new TreeSet<>(set);
            rest.removeAll(b.getOrDefault(topicId, Set.of()));
            result.put(topicId, rest);
        });
        return copy(result);
    }

    static boolean contains(Map<Uuid, Set<Integer>> partitions, Uuid topicId, int partition) {
        return partitions.getOrDefault(topicId, Set.of()).contains(partition);
    }

    static List<Integer> list(Set<Integer> partitions) {
        return new ArrayList<>(partitions);
    }
}
