/**
 * Reference servers that integration tests compare the gateway with: an in-process Apache Kafka broker
 * started from Kafka's own jars ({@link io.shardgate.it.reference.KafkaReferenceBroker}).
 */
package io.shardgate.it.reference;
