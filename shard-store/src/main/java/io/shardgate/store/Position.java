package io.shardgate.store;

import java.util.Objects;

/**
 * A consumer group's saved position in a shard: the next offset to read, the leader epoch of the record before it
 * as the committer knew it ({@link #NO_LEADER_EPOCH} when unknown), and free-form metadata.
 */
public record Position(long offset, int leaderEpoch, String metadata) {

    /** The leader epoch of a position committed without one. */
    public static final int NO_LEADER_EPOCH = -1;

    public Position {
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A position without a leader epoch. */
    public Position(long offset, String metadata) {
        this(offset, NO_LEADER_EPOCH, metadata);
    }
}
