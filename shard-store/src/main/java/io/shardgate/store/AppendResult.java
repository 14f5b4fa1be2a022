package io.shardgate.store;

/**
 * The outcome of an append.
 *
 * @param baseOffset the offset of the first record appended
 * @param lastOffset the offset of the last record appended
 * @param appendTimeMs the store's append time, or {@code -1} for a duplicate
 * @param logStartOffset the shard's log start offset after the append
 * @param duplicate whether the batch had already been appended by the same producer epoch and sequence
 */
public record AppendResult(
        long baseOffset, long lastOffset, long appendTimeMs, long logStartOffset, boolean duplicate) {}
