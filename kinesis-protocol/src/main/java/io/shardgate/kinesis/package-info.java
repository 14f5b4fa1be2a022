/**
 * The Kinesis Data Streams HTTP API over the shard store: {@link io.shardgate.kinesis.KinesisListener} binds a
 * listener configured by {@link io.shardgate.kinesis.KinesisListenerConfig}; {@code http} is the Netty pipeline,
 * {@code codec} the JSON/CBOR bodies, {@code model} the request and response shapes, {@code validation} the
 * service-2.json constraints, {@code operation} one class per operation and {@code mapping} the Kinesis words over
 * store words. Wire errors are {@link io.shardgate.kinesis.KinesisError} constants.
 */
package io.shardgate.kinesis;
