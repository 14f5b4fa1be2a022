package io.shardgate.kafka.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import io.shardgate.store.ShardStore;

/**
 * Allocates producer ids for idempotent producers from blocks of the store's durable sequence {@value #SEQUENCE}:
 * ids are handed out from the current block and the next block is reserved when it runs out, so an id is never
 * handed out twice, also across restarts (ids left in a block at shutdown are skipped). Never blocks: while a block
 * is being reserved, callers get a stage that completes once it arrives. Thread-safe.
 */
public final class ProducerIds {

    /** The store sequence the blocks come from. */
    public static final String SEQUENCE = "kafka.producerId";
    /** Ids per reserved block. */
    public static final int BLOCK_SIZE = 1000;

    private final IntFunction<CompletionStage<Long>> reserve;

    // Guarded by this.
    private long next;
    private long end;
    private CompletableFuture<Void> refill;

    /** @param reserve reserves that many consecutive ids and completes with the first */
    public ProducerIds(IntFunction<CompletionStage<Long>> reserve) {
        this.reserve = Objects.requireNonNull(reserve, "reserve");
    }

    /** Producer ids from the store's durable sequence. */
    public static ProducerIds from(ShardStore store) {
        return new ProducerIds(count -> store.reserveIds(SEQUENCE, count));
    }

    /** A producer id never handed out before; fails if a block cannot be reserved. */
    public CompletionStage<Long> next() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            if (next < end) {
                return CompletableFuture.completedFuture(next++);
            }
            pending = refill;
            if (pending == null) {
                // A reservation that completes at once clears refill again: keep our own reference.
                pending = new CompletableFuture<>();
                refill = pending;
                reserveBlock(pending);
            }
        }
        return pending.thenCompose(ready -> next());
    }

    private void reserveBlock(CompletableFuture<Void> started) {
        CompletionStage<Long> block;
        try {
            block = reserve.apply(BLOCK_SIZE);
        } catch (RuntimeException e) {
            block = CompletableFuture.failedFuture(e);
        }
        block.whenComplete((first, failure) -> {
            synchronized (this) {
                refill = null;
                if (failure == null) {
                    next = first;
                    end = first + BLOCK_SIZE;
                }
            }
            if (failure == null) {
                started.complete(null);
            } else {
                started.completeExceptionally(failure);
            }
        });
    }
}
