/**
 * The {@code application/vnd.amazon.eventstream} response of SubscribeToShard: framing of the initial response, the
 * events and the exception events ({@link io.shardgate.kinesis.eventstream.EventStreamMessages}, on the AWS SDK's
 * codec), and the contract between an operation that answers with a stream of events
 * ({@link io.shardgate.kinesis.eventstream.EventStreamOutput}) and the HTTP layer that carries it
 * ({@link io.shardgate.kinesis.eventstream.EventSink}). Every call on both interfaces happens on the connection's
 * (or HTTP/2 stream's) event loop.
 */
package io.shardgate.kinesis.eventstream;
