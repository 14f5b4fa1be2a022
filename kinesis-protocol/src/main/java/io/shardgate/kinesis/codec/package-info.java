/**
 * Kinesis request and response bodies ⇄ model records: AWS JSON 1.1 and AWS CBOR 1.1 through Jackson, with the AWS
 * timestamp encodings (ADR 0004). Bytes in, records out; no business logic. Thread-safe.
 */
package io.shardgate.kinesis.codec;
