/**
 * The LMDB implementation of {@link io.shardgate.store.ShardStore}: one LMDB environment in a data directory.
 *
 * <h2>Layout</h2>
 * Named databases, all keys big-endian so that LMDB's byte order is numeric order:
 * <ul>
 *   <li>{@code meta}: format version, the next internal shard key, durable sequences ({@code seq/<name>}) and
 *       store-wide properties ({@code prop/<name>}, UTF-8).
 *   <li>{@code streams}: stream name &rarr; the stream's catalog entry ({@link io.shardgate.store.lmdb.CatalogCodec}).
 *   <li>{@code shards}: shard key &rarr; log start offset, high watermark, last append time.
 *   <li>{@code batches}: shard key &Vert; base offset &rarr; append time &Vert; Kafka v2 record batch, as stored.
 *   <li>{@code times}: shard key &Vert; append time &rarr; first base offset appended at that millisecond.
 *   <li>{@code producers}: shard key &Vert; producer id &rarr; epoch and the last five batch sequences.
 *   <li>{@code positions}: group length &Vert; group &Vert; shard key &rarr; offset &Vert; 0xFF &Vert; leader epoch
 *       &Vert; metadata (older values: offset &Vert; metadata).
 *   <li>{@code groups}: group &rarr; the group coordinator's state, opaque to the store.
 * </ul>
 * A shard key is an internal 64-bit number given to each shard at creation and never reused, so a stream
 * deleted and created again under the same name never sees the old data.
 *
 * <h2>Threads</h2>
 * One writer thread ({@link io.shardgate.store.lmdb.Writer}) owns every write transaction and commits all the
 * work queued while the previous transaction committed (group commit). Reads run on a small pool of reader
 * threads with {@code MDB_NOTLS} read transactions. A completer thread completes the futures, so no caller code
 * ever runs on the writer. A maintenance thread syncs (in {@code os} durability) and schedules retention.
 * Event loops never touch LMDB.
 */
package io.shardgate.store.lmdb;
