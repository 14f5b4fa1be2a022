package io.shardgate.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Durable, ordered, append-only shards grouped into streams. See the package documentation for the threading,
 * error and durability contract shared by every method.
 */
public interface ShardStore extends AutoCloseable {

    /** The longest consumer group name the store keeps, in UTF-8 bytes; longer ones are refused. */
    int MAX_GROUP_BYTES = 400;

    // ---- catalog -------------------------------------------------------------------------------------------

    /** The stream as last committed, from memory; never blocks. */
    Optional<Stream> stream(String name);

    /** The live stream with this id (a Kafka topic id), from memory; never blocks. */
    Optional<Stream> stream(UUID id);

    /** Every stream as last committed, sorted by name, from memory; never blocks. */
    List<Stream> streams();

    /**
     * Creates a stream whose shards are numbered from 0 in the order of {@link NewStream#shardRanges()}.
     * Fails with {@link StreamExistsException} if the name is taken, {@link InvalidStreamChangeException} if the
     * ranges do not tile the hash-key space.
     */
    CompletionStage<Stream> createStream(NewStream spec);

    /**
     * Applies {@code change} to the stream's current settings inside the store's write transaction (an atomic
     * read-modify-write). The function must be pure and fast. Fails with {@link UnknownStreamException}.
     */
    CompletionStage<Stream> alterStream(String name, UnaryOperator<StreamSettings> change);

    /**
     * Removes the stream from the catalog at once (its name may be reused immediately) and deletes its batches,
     * producer states and positions in the background, in bounded transactions. Fails with
     * {@link UnknownStreamException}.
     */
    CompletionStage<Void> deleteStream(String name);

    /**
     * Closes shards, opens new ones and re-assigns hash-key ranges of open shards in one transaction: the
     * resharding primitive behind Kinesis SplitShard/MergeShards/UpdateShardCount and Kafka CreatePartitions.
     * Closed shards keep their data and record their end offset. Fails with {@link UnknownStreamException} or
     * {@link InvalidStreamChangeException} (unknown or already closed shard, open ranges that no longer tile).
     */
    CompletionStage<Stream> reshard(String name, ShardChange change);

    /**
     * Reserves {@code count} consecutive numbers of a durable sequence and completes with the first: numbers are
     * never handed out twice, also across restarts (Kafka producer ids). Sequences start at 0.
     */
    CompletionStage<Long> reserveIds(String sequence, int count);

    // ---- properties ----------------------------------------------------------------------------------------

    /**
     * A store-wide property: a durable setting that belongs to no stream (a protocol's account-level settings),
     * empty when it was never set. Reads the disk on a store thread.
     */
    CompletionStage<Optional<String>> property(String name);

    /**
     * Applies {@code change} to a store-wide property inside the store's write transaction (an atomic
     * read-modify-write) and completes with the value committed. {@code change} gets null when the property is not
     * set and returns null to remove it; it must be pure and fast.
     */
    CompletionStage<Optional<String>> alterProperty(String name, UnaryOperator<String> change);

    // ---- data ----------------------------------------------------------------------------------------------

    /**
     * Appends one or more Kafka v2 record batches (magic 2) to a shard, atomically. The store validates each
     * batch (magic, CRC, sizes, offset range), assigns consecutive offsets by setting the base offset, checks
     * and records the producer's epoch and sequence when the batch carries a producer id, and completes after
     * the write committed. The store reads the caller's buffer (never modifies it) until the returned stage
     * completes: the caller must keep its bytes unchanged until then (a Netty caller releases its request buffer
     * on completion), which spares a copy on the way to the disk.
     *
     * <p>Fails with {@link InvalidBatchException}, {@link UnknownStreamException}, {@link UnknownShardException},
     * {@link ShardClosedException}, {@link OutOfOrderSequenceException}, {@link InvalidProducerEpochException},
     * {@link StoreIoException} or {@link StoreClosedException}. A retried batch already appended by the same
     * producer epoch completes normally with {@link AppendResult#duplicate()} set and its original offsets.
     */
    CompletionStage<AppendResult> append(ShardRef shard, ByteBuffer batches);

    /** The largest append accepted, in bytes (all batches of one {@link #append} together). */
    int maxAppendBytes();

    /**
     * Reads stored batches, as stored, starting with the batch that contains {@code fromOffset}, until adding
     * the next batch would exceed {@code maxBytes}; the first batch is returned even if it alone is larger.
     * Reading at the high watermark returns no batch. Fails with {@link OffsetOutOfRangeException} below the
     * log start offset or above the high watermark.
     */
    default CompletionStage<ReadResult> read(ShardRef shard, long fromOffset, int maxBytes) {
        return read(shard, fromOffset, maxBytes, ByteBuffer::allocate);
    }

    /**
     * As {@link #read(ShardRef, long, int)}, copying the batches into a buffer from {@code buffers}: called at most
     * once per read, on a store thread, with the number of bytes needed, it returns a buffer with at least that many
     * remaining (a caller may lend pooled direct memory and release it once the bytes are sent). Not called when no
     * batch is read.
     */
    CompletionStage<ReadResult> read(ShardRef shard, long fromOffset, int maxBytes, IntFunction<ByteBuffer> buffers);

    /** The shard's log start offset and high watermark. */
    CompletionStage<ShardOffsets> offsets(ShardRef shard);

    /**
     * The base offset of the first batch appended at or after {@code appendTimeMs} (append time is
     * non-decreasing with the offset in a shard), or empty when no stored batch is that recent.
     */
    CompletionStage<OptionalLong> offsetForAppendTime(ShardRef shard, long appendTimeMs);

    /**
     * The first record at or after the log start whose timestamp (create time, or append time on log-append-time
     * streams) is at least {@code timestampMs}, in offset order: Kafka's ListOffsets by timestamp. Empty when no
     * record is that recent. Scans the shard's batch headers.
     */
    CompletionStage<Optional<RecordTimestamp>> offsetForTimestamp(ShardRef shard, long timestampMs);

    /** The first record with the shard's largest timestamp (Kafka's ListOffsets MAX_TIMESTAMP), or empty. */
    CompletionStage<Optional<RecordTimestamp>> maxTimestamp(ShardRef shard);

    /** The bytes of the batches the shard stores (Kafka's partition size); counts batch headers, so costs a scan. */
    CompletionStage<Long> sizeInBytes(ShardRef shard);

    /** The idempotent producers the shard remembers, by producer id. */
    CompletionStage<List<ProducerSnapshot>> producers(ShardRef shard);

    /**
     * The shard's "appended" signal for long polls: completes once the high watermark is above {@code offset},
     * or when the shard closes or its stream is deleted (callers re-check). Completes at once if that already
     * holds. Callers apply their own timeout by completing or cancelling the returned future, which releases it.
     */
    CompletableFuture<Void> awaitAppend(ShardRef shard, long offset);

    /**
     * Moves the log start offset forward to {@code offset} and deletes the batches that lie wholly before it
     * (Kafka DeleteRecords). Completes with the new log start offset. Fails with
     * {@link OffsetOutOfRangeException} above the high watermark.
     */
    CompletionStage<Long> deleteBefore(ShardRef shard, long offset);

    // ---- positions -----------------------------------------------------------------------------------------

    /**
     * Saves the group's positions, all in one transaction. Unknown shards fail the whole commit. A group name
     * longer than {@link #MAX_GROUP_BYTES} throws {@link IllegalArgumentException} here and in the two methods
     * below: protocols check it first and answer with their own error.
     */
    CompletionStage<Void> commitPositions(String group, Map<ShardRef, Position> positions);

    /** Every saved position of the group in shards that still exist. */
    CompletionStage<Map<ShardRef, Position>> positions(String group);

    /** Deletes the group's positions in the given shards, or all of them when {@code shards} is empty. */
    CompletionStage<Void> deletePositions(String group, Set<ShardRef> shards);

    // ---- groups --------------------------------------------------------------------------------------------

    /**
     * Replaces the group's coordinator state (bytes the store does not interpret: Kafka's group metadata) in one
     * transaction, as durably as an append.
     */
    CompletionStage<Void> saveGroupState(String group, byte[] state);

    /** Every saved group state, by group name. */
    CompletionStage<Map<String, byte[]>> groupStates();

    /** The names of the groups with a saved state or a position, sorted. */
    CompletionStage<SortedSet<String>> groups();

    /** Deletes the group's saved state and all its positions, in one transaction. */
    CompletionStage<Void> deleteGroup(String group);

    /** Stops accepting work, completes what was queued, syncs to disk and releases resources. */
    @Override
    void close();
}
