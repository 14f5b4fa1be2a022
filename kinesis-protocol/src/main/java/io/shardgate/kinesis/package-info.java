/** The Kinesis Data Streams HTTP API over the shard store: HTTP/1.1 and HTTP/2 pipeline, JSON and CBOR codecs, one class per operation. Arrives with the Kinesis issue. */
package io.shardgate.kinesis;
