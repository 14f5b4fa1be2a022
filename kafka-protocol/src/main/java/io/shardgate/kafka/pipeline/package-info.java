/**
 * The Kafka connection pipeline: the initializer that assembles the named handlers, the request handler that parses
 * requests with kafka-clients, keeps one request in flight per connection and dispatches to the {@code api} classes,
 * and the one place where exceptions become error responses. Everything here runs on the channel's event loop;
 * results of asynchronous API work hop back to it before touching the connection.
 */
package io.shardgate.kafka.pipeline;
