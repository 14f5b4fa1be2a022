package io.shardgate.store;

import java.util.Objects;

/** A consumer group's saved position in a shard: the next offset to read and free-form metadata. */
public record Position(long offset, String metadata) {
    public Position {
        Objects.requireNonNull(metadata, "metadata");
    }
}
