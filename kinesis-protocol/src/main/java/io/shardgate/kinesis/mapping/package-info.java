/**
 * Kinesis words over store words: sequence numbers computed from (shard, offset) (ADR 0002), sealed shard iterators
 * (D12), and hash-key routing of partition keys to open shards. Pure functions and immutable objects, safe to use
 * from any thread; nothing here blocks or touches the store.
 */
package io.shardgate.kinesis.mapping;
