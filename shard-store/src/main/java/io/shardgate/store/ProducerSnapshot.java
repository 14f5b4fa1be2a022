package io.shardgate.store;

/**
 * What a shard remembers of one idempotent producer (Kafka's DescribeProducers).
 *
 * @param producerId the producer id
 * @param epoch the producer's latest epoch in this shard
 * @param lastSequence the last sequence number appended
 * @param lastTimestampMs the largest timestamp of the producer's last batch, or -1 once that batch is deleted
 */
public record ProducerSnapshot(long producerId, short epoch, int lastSequence, long lastTimestampMs) {}
