/**
 * The shard store SPI, in store words only: a <em>stream</em> holds numbered <em>shards</em>; a shard is an
 * append-only log of Kafka v2 record batches addressed by dense {@code long} offsets from 0; a <em>position</em>
 * is a consumer group's saved offset in a shard. Protocol words (topic, partition, sequence number, ARN) live in
 * the protocol modules' {@code mapping} packages, never here.
 *
 * <h2>Lifecycle</h2>
 * An implementation is opened by its own factory (for example {@code LmdbShardStore.open}) and closed with
 * {@link io.shardgate.store.ShardStore#close()}, which stops accepting work, finishes what was queued, makes it
 * durable and releases files.
 *
 * <h2>Thread safety and blocking</h2>
 * Every method may be called from any thread, including Netty event loops, and none of them blocks: catalog
 * reads are served from an immutable in-memory snapshot; everything that touches disk returns a
 * {@link java.util.concurrent.CompletionStage} completed later on a store thread. Dependent actions must not
 * block that thread: hop to your own executor ({@code thenAcceptAsync(..., eventLoop)}) before doing real work.
 *
 * <h2>Errors</h2>
 * Failures complete the stage exceptionally with a {@link io.shardgate.store.ShardStoreException} subtype (see
 * its permitted subclasses); each protocol maps them to wire errors in one place. Argument errors that are
 * programming mistakes (a null, a negative size) throw {@link java.lang.IllegalArgumentException} directly.
 *
 * <h2>Durability</h2>
 * A write stage completes only after its transaction committed; see the implementation for when that also means
 * synced to disk.
 */
package io.shardgate.store;
