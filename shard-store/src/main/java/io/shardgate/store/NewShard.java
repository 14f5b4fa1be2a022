package io.shardgate.store;

import java.util.Objects;
import java.util.OptionalInt;

/** A shard to open in {@link ShardStore#reshard}; it gets the next free index. */
public record NewShard(HashKeyRange range, OptionalInt parent, OptionalInt adjacentParent) {
    public NewShard {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(adjacentParent, "adjacentParent");
    }

    public static NewShard root(HashKeyRange range) {
        return new NewShard(range, OptionalInt.empty(), OptionalInt.empty());
    }
}
