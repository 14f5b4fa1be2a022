package io.shardgate.store;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A shard as recorded in the catalog. Every shard's offsets start at 0 (its starting offset) and are dense; a
 * closed shard's {@code endOffset} is the offset after its last record, so its records are {@code [0, endOffset)}
 * minus what retention removed.
 *
 * @param index the shard's number in its stream, from 0; never reused
 * @param range the hash keys routed to it while it is open
 * @param parent the shard it was split from or the first of the two it merged
 * @param adjacentParent the second parent of a merge
 * @param state open, closed or expired
 * @param createdAtMs when it was created
 * @param closedAtMs when it was closed, if it was
 * @param endOffset the offset after its last record, once closed
 */
public record Shard(
        int index,
        HashKeyRange range,
        OptionalInt parent,
        OptionalInt adjacentParent,
        ShardState state,
        long createdAtMs,
        OptionalLong closedAtMs,
        OptionalLong endOffset) {

    public Shard {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(adjacentParent, "adjacentParent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(closedAtMs, "closedAtMs");
        Objects.requireNonNull(endOffset, "endOffset");
    }

    public boolean isOpen() {
        return state == ShardState.OPEN;
    }

    /** This shard closed at {@code nowMs} with {@code endOffset} as the offset after its last record. */
    public Shard closed(long nowMs, long endOffset) {
        return new Shard(
                index,
                range,
                parent,
                adjacentParent,
                ShardState.CLOSED,
                createdAtMs,
                OptionalLong.of(nowMs),
                OptionalLong.of(endOffset));
    }

    /** This closed shard past its retention. */
    public Shard expired() {
        return new Shard(index, range, parent, adjacentParent, ShardState.EXPIRED, createdAtMs, closedAtMs, endOffset);
    }

    public Shard withRange(HashKeyRange newRange) {
        return new Shard(index, newRange, parent, adjacentParent, state, createdAtMs, closedAtMs, endOffset);
    }
}
