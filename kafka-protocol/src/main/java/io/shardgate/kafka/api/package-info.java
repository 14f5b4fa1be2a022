/**
 * One class per Kafka API key ({@code ProduceApi}, {@code FetchApi}, …), each implementing {@link
 * io.shardgate.kafka.api.KafkaApi}. An API is called on the connection's event loop, must not block, and returns a
 * stage of its response data; per-partition outcomes are error codes in that data, never exceptions.
 */
package io.shardgate.kafka.api;
