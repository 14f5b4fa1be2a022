package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;

/**
 * Where a read starts, for GetShardIterator's iterator type and SubscribeToShard's starting position: the same five
 * types, the same checks (worded with each operation's parameter names, as AWS words them) and the same resolution
 * against the shard's offsets.
 */
final class StartingPositions {
    private StartingPositions() {}

    /**
     * How an operation names things in its messages.
     *
     * @param sequenceParameter {@code StartingSequenceNumber} or {@code SequenceNumber}
     * @param typesWithoutSequence the types listed as taking no sequence number
     * @param typeName {@code iterator type} or {@code starting position type}
     */
    record Wording(String sequenceParameter, String typesWithoutSequence, String typeName) {}

    static final Wording GET_SHARD_ITERATOR =
            new Wording("StartingSequenceNumber", "TRIM_HORIZON or LATEST", "iterator type");

    static final Wording SUBSCRIBE_TO_SHARD =
            new Wording("SequenceNumber", "TRIM_HORIZON, LATEST or AT_TIMESTAMP", "starting position type");

    static boolean bySequence(String type) {
        return type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
    }

    /** AWS's checks of a type against the sequence number and timestamp given with it. */
    static void check(String type, String sequenceNumber, Instant timestamp, long nowMs, Wording wording) {
        if (bySequence(type) != (sequenceNumber != null)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
                            + wording.sequenceParameter() + " or (2) " + wording.typesWithoutSequence() + " and no "
                            + wording.sequenceParameter() + ". Request specified " + type + " and "
                            + (sequenceNumber == null ? "no " : "also a ") + wording.sequenceParameter() + ".");
        }
        if (type.equals("AT_TIMESTAMP")) {
            if (timestamp == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request"
                                + " has no timestamp parameter.");
            }
            if (timestamp.toEpochMilli() > nowMs) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis."
                                + " timestampInMillis: " + timestamp.toEpochMilli()
                                + ", currentTimestampInMillis: " + nowMs);
            }
        } else if (timestamp != null) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Must specify either timestamp or sequence number parameter but not both. Current request has "
                            + wording.typeName() + " " + type + " and a timestamp.");
        }
    }

    /**
     * The first offset to read: the trim horizon, the high watermark, the offset a sequence number named
     * ({@code sequenceOffset}), or the first batch appended at or after {@code timestamp}; never below the trim
     * horizon.
     */
    static CompletionStage<Long> resolve(
            ShardStore store, ShardRef ref, String type, long sequenceOffset, Instant timestamp) {
        return store.offsets(ref).thenCompose(offsets -> switch (type) {
            case "TRIM_HORIZON" -> done(offsets.logStartOffset());
            case "LATEST" -> done(offsets.highWatermark());
            case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> done(clamp(sequenceOffset, offsets));
            default ->
                store.offsetForAppendTime(ref, timestamp.toEpochMilli())
                        .thenApply(found -> clamp(found.orElse(offsets.highWatermark()), offsets));
        });
    }

    private static CompletionStage<Long> done(long offset) {
        return CompletableFuture.completedFuture(offset);
    }

    /** Offsets below the trim horizon start at it. */
    private static long clamp(long offset, ShardOffsets offsets) {
        return Math.max(offset, offsets.logStartOffset());
    }
}
