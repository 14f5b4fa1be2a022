/**
 * Bytes ⇄ Kafka frames only: the 4-byte size prefix, capped before anything is allocated. No request parsing and
 * no business logic here. Every class runs on its channel's event loop.
 */
package io.shardgate.kafka.codec;
