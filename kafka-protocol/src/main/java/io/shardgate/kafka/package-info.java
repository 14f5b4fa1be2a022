/** The Kafka wire protocol over the shard store: frame codec, connection pipeline, one class per API key, topic/partition mapping. Arrives with the Kafka core issue. */
package io.shardgate.kafka;
