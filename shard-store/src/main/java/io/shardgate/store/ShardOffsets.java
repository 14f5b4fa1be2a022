package io.shardgate.store;

/**
 * @param logStartOffset the first offset still stored
 * @param highWatermark the offset the next append will get
 */
public record ShardOffsets(long logStartOffset, long highWatermark) {}
