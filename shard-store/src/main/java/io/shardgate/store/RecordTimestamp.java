package io.shardgate.store;

/**
 * One record's offset and timestamp, as Kafka readers see the timestamp: the producer's create time, or the
 * store's append time in batches of log-append-time streams.
 */
public record RecordTimestamp(long offset, long timestampMs) {}
