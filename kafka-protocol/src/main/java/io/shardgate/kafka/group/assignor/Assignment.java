package io.shardgate.kafka.group.assignor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.Uuid;

/**
 * A group's target assignment: member id → topic id → partitions. Immutable; members in the group spec's order,
 * topic ids and partitions ascending, no empty partition sets.
 *
 * @param members every member of the group spec, with an empty map when it is assigned nothing
 */
public record Assignment(Map<String, Map<Uuid, Set<Integer>>> members) {

    public Assignment {
        Map<String, Map<Uuid, Set<Integer>>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(members, "members")
                .forEach((memberId, partitions) ->
                        copy.put(Objects.requireNonNull(memberId, "member id"), Copies.topicPartitions(partitions)));
        members = Collections.unmodifiableMap(copy);
    }

    /** The member's partitions; an empty map for a member that is not in the assignment. */
    public Map<Uuid, Set<Integer>> partitionsOf(String memberId) {
        return members.getOrDefault(memberId, Map.of());
    }

    /** How many partitions the member is assigned. */
    public int partitionCountOf(String memberId) {
        return partitionsOf(memberId).values().stream().mapToInt(Set::size).sum();
    }
}
