package io.shardgate.store;

/** OPEN takes appends; CLOSED is read-only after resharding; EXPIRED is closed and past its retention. */
public enum ShardState {
    OPEN,
    CLOSED,
    EXPIRED
}
