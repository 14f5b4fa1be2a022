/**
 * The Kafka wire protocol over the shard store: {@link io.shardgate.kafka.KafkaListener} binds a listener; {@code
 * codec} frames bytes, {@code pipeline} parses and dispatches requests, {@code api} holds one class per API key and
 * {@code mapping} translates between Kafka and store words.
 */
package io.shardgate.kafka;
