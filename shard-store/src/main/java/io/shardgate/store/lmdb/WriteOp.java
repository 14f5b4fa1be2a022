package io.shardgate.store.lmdb;

import java.util.concurrent.CompletableFuture;

/**
 * Work for the writer thread. {@link #apply} runs inside a write transaction and may run more than once (the
 * transaction is retried after the map grows), so it must change nothing but the transaction. It checks
 * everything before it writes anything, so a {@link io.shardgate.store.ShardStoreException} it throws leaves
 * the transaction as it found it.
 */
abstract class WriteOp<T> {
    final CompletableFuture<T> future = new CompletableFuture<>();

    abstract T apply(WriteTxn txn);

    /** Bytes this operation writes, to bound the size of one transaction. */
    long weight() {
        return 64;
    }
}
