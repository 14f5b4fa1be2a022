package io.shardgate.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resharding step, applied atomically: close {@code close}, open {@code open} (indexes assigned in order
 * after the highest existing one) and give open shards new ranges ({@code ranges}, by index). Afterwards the
 * open shards must tile the hash-key space.
 */
public record ShardChange(Set<Integer> close, List<NewShard> open, Map<Integer, HashKeyRange> ranges) {
    public ShardChange {
        close = Set.copyOf(close);
        open = List.copyOf(open);
        ranges = Map.copyOf(ranges);
    }
}
