package io.shardgate.store;

import java.util.Objects;

/** A shard named by its stream and its index in that stream. */
public record ShardRef(String stream, int shard) {
    public ShardRef {
        Objects.requireNonNull(stream, "stream");
        if (shard < 0) {
            throw new IllegalArgumentException("shard index must be >= 0: " + shard);
        }
    }

    @Override
    public String toString() {
        return stream + "/" + shard;
    }
}
