/**
 * One class per Kinesis operation ({@code PutRecordsOperation}, …): validate the input (service-2.json), find the
 * stream, call the store asynchronously, build the output. Operations run on the connection's event loop and never
 * block: catalog look-ups are in memory, everything else returns a {@code CompletionStage}. Whole-call failures are
 * {@link io.shardgate.kinesis.KinesisException}s; per-record outcomes of PutRecords are data.
 */
package io.shardgate.kinesis.operation;
