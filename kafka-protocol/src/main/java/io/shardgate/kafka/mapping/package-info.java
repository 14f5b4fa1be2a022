/**
 * Kafka words ⇄ store words: topic ⇄ stream, partition ⇄ shard, topic id ⇄ stream id, store failures ⇄ Kafka
 * error codes. Stateless and thread-safe.
 */
package io.shardgate.kafka.mapping;
