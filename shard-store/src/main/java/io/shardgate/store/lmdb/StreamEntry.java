package io.shardgate.store.lmdb;

import io.shardgate.store.Stream;

/** A stream with the internal key and live log of each shard, by index. */
record StreamEntry(Stream stream, long[] shardKeys, ShardLog[] logs) {

    ShardLog log(int index) {
        return index < logs.length ? logs[index] : null;
    }
}
