package io.shardgate.store.limits;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.shardgate.store.Stream;

/**
 * The budget ledger shared by both protocols (DESIGN.md D8, ADR 0016): the gateway-wide default profile, the shard
 * quota, and token buckets per shard, per stream and per named call, created on first use. Streams under a profile
 * without budgets ({@link LimitsProfile#budgeted()}) are never looked up: every method answers "fits" or "no wait"
 * for them at once, and callers on hot paths check {@link #budgeted(Stream)} first so that they allocate nothing.
 *
 * <p>Budgets of a shard ({@link KinesisQuotas}):
 *
 * <ul>
 *   <li>writes: {@value KinesisQuotas#SHARD_WRITE_BYTES_PER_SECOND} bytes <em>and</em>
 *       {@value KinesisQuotas#SHARD_WRITE_RECORDS_PER_SECOND} records per second, each with a burst of one second;
 *   <li>reads: {@value KinesisQuotas#SHARD_READ_BYTES_PER_SECOND} bytes per second with no burst: a read is served
 *       when the shard's earlier reads are paid off, and its bytes are then owed, so a read of 10 MiB refuses read
 *       calls for the next {@value KinesisQuotas#LARGEST_READ_PENALTY_SECONDS} seconds;
 *   <li>read calls and iterator requests: {@value KinesisQuotas#SHARD_READ_CALLS_PER_SECOND} per second each, with a
 *       burst of as many.
 * </ul>
 *
 * An on-demand stream adds a stream-wide budget of {@value KinesisQuotas#ON_DEMAND_WRITE_BYTES_PER_SECOND} bytes or
 * {@value KinesisQuotas#ON_DEMAND_WRITE_RECORDS_PER_SECOND} records of writes and
 * {@value KinesisQuotas#ON_DEMAND_READ_BYTES_PER_SECOND} bytes of reads per second. Budgets are keyed by stream id,
 * so a stream created again under an old name starts afresh; they are forgotten with {@link #forget(UUID)}.
 *
 * <p>Thread-safe, never blocks.
 */
public final class Limits {

    private final LimitsProfile defaultProfile;
    private final int shardQuota;
    private final Ticker ticker;
    private final ConcurrentMap<ShardKey, ShardBudget> shards = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, StreamBudget> streams = new ConcurrentHashMap<>();
    private final ConcurrentMap<Object, CallBudget> calls = new ConcurrentHashMap<>();

    /**
     * @param defaultProfile the profile of new streams
     * @param shardQuota the most open shards of all streams together that the Kinesis profiles allow (≥ 1)
     * @param ticker the time the buckets refill by
     */
    public Limits(LimitsProfile defaultProfile, int shardQuota, Ticker ticker) {
        this.defaultProfile = Objects.requireNonNull(defaultProfile, "defaultProfile");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        if (shardQuota < 1) {
            throw new IllegalArgumentException("shardQuota must be >= 1: " + shardQuota);
        }
        this.shardQuota = shardQuota;
    }

    /** No budgets unless a stream asks for them; the default shard quota; the system clock. */
    public static Limits unlimited() {
        return new Limits(LimitsProfile.UNLIMITED, KinesisQuotas.DEFAULT_SHARD_QUOTA, Ticker.system());
    }

    /** The profile new streams get. */
    public LimitsProfile defaultProfile() {
        return defaultProfile;
    }

    /** The shard quota of the account. */
    public int shardQuota() {
        return shardQuota;
    }

    /** The stream's profile ({@code unlimited} for a name no protocol would store). */
    public static LimitsProfile profile(Stream stream) {
        return LimitsProfile.find(stream.settings().limitsProfile()).orElse(LimitsProfile.UNLIMITED);
    }

    /** Whether the stream has budgets; allocates nothing. */
    public static boolean budgeted(Stream stream) {
        return LimitsProfile.budgeted(stream.settings().limitsProfile());
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /**
     * One record of {@code bytes} on the shard, if its write budget (and its stream's, on demand) has room: then it is
     * spent and the answer is true; otherwise nothing is spent.
     */
    public boolean tryWrite(Stream stream, int shard, long bytes) {
        if (!budgeted(stream)) {
            return true;
        }
        long now = ticker.nanos();
        StreamBudget streamBudget = onDemand(stream);
        ShardBudget shardBudget = shard(stream, shard);
        if (streamBudget == null) {
            return shardBudget.tryWrite(bytes, now);
        }
        synchronized (streamBudget) {
            if (!streamBudget.writeBytes.fits(bytes, now) || !streamBudget.writeRecords.fits(1, now)) {
                return false;
            }
            if (!shardBudget.tryWrite(bytes, now)) {
                return false;
            }
            streamBudget.writeBytes.take(bytes, now);
            streamBudget.writeRecords.take(1, now);
            return true;
        }
    }

    /**
     * Records written whatever the budget (a Kafka produce is stored and acknowledged): spends {@code records} and
     * {@code bytes}, into debt if need be, and answers how long until the shard's (and stream's) write budget is
     * back out of debt, in milliseconds, rounded up: the throttle time.
     */
    public long write(Stream stream, int shard, int records, long bytes) {
        if (!budgeted(stream)) {
            return 0;
        }
        long now = ticker.nanos();
        long waitNanos = shard(stream, shard).write(records, bytes, now);
        StreamBudget streamBudget = onDemand(stream);
        if (streamBudget != null) {
            synchronized (streamBudget) {
                streamBudget.writeBytes.take(bytes, now);
                streamBudget.writeRecords.take(records, now);
                waitNanos = Math.max(
                        waitNanos,
                        Math.max(
                                streamBudget.writeBytes.nanosUntil(0, now),
                                streamBudget.writeRecords.nanosUntil(0, now)));
            }
        }
        return toMillis(waitNanos);
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /**
     * One read call on the shard (Kinesis GetRecords), if the shard has a call left this second and its earlier reads
     * are paid off (and its stream's, on demand): then the call is spent and the answer is true. The bytes read are
     * charged afterwards with {@link #read}.
     */
    public boolean tryReadCall(Stream stream, int shard) {
        if (!budgeted(stream)) {
            return true;
        }
        long now = ticker.nanos();
        if (!streamReadsPaid(stream, now)) {
            return false;
        }
        return shard(stream, shard).tryReadCall(now);
    }

    /** Whether the shard's (and stream's) earlier reads are paid off, without spending a call (Kafka fetch). */
    public boolean readable(Stream stream, int shard) {
        if (!budgeted(stream)) {
            return true;
        }
        long now = ticker.nanos();
        return streamReadsPaid(stream, now) && shard(stream, shard).readsPaid(now);
    }

    /**
     * Charges {@code bytes} read from the shard (and stream) and answers how long until they are paid off, in
     * milliseconds, rounded up: the throttle time of a Kafka fetch, the wait before the next Kinesis read.
     */
    public long read(Stream stream, int shard, long bytes) {
        if (!budgeted(stream)) {
            return 0;
        }
        long now = ticker.nanos();
        long waitNanos = shard(stream, shard).read(bytes, now);
        StreamBudget streamBudget = onDemand(stream);
        if (streamBudget != null) {
            synchronized (streamBudget) {
                streamBudget.readBytes.take(bytes, now);
                waitNanos = Math.max(waitNanos, streamBudget.readBytes.nanosUntil(0, now));
            }
        }
        return toMillis(waitNanos);
    }

    /** One iterator request on the shard, if it has one left this second: then it is spent and the answer is true. */
    public boolean tryIteratorCall(Stream stream, int shard) {
        if (!budgeted(stream)) {
            return true;
        }
        return shard(stream, shard).tryIterator(ticker.nanos());
    }

    // ---- named budgets -----------------------------------------------------------------------------------------

    /**
     * One call counted under {@code key} (a value object naming the operation and its scope: the account, a stream, a
     * consumer and shard) at most {@code perSecond} times per second with a burst of as many, if one is left: then it
     * is spent and the answer is true. The caller decides whether the key is budgeted at all.
     */
    public boolean tryCall(Object key, int perSecond) {
        CallBudget budget = calls.computeIfAbsent(key, k -> new CallBudget(perSecond, ticker.nanos()));
        synchronized (budget) {
            long now = ticker.nanos();
            if (!budget.bucket.fits(1, now)) {
                return false;
            }
            budget.bucket.take(1, now);
            return true;
        }
    }

    /**
     * Charges {@code amount} to the budget under {@code key} that refills {@code perSecond} with a burst of one
     * second, into debt if need be, and answers the nanoseconds until it is out of debt: how long a sender paces
     * itself (SubscribeToShard's 2 MiB/s per consumer per shard).
     */
    public long pace(Object key, int perSecond, long amount) {
        CallBudget budget = calls.computeIfAbsent(key, k -> new CallBudget(perSecond, ticker.nanos()));
        synchronized (budget) {
            long now = ticker.nanos();
            budget.bucket.take(amount, now);
            return budget.bucket.nanosUntil(0, now);
        }
    }

    /**
     * Drops the shard and stream budgets of a stream that is gone. Named budgets ({@link #tryCall}, {@link #pace}) are
     * kept: their keys are the caller's, a few small objects per stream and consumer.
     */
    public void forget(UUID streamId) {
        streams.remove(streamId);
        shards.keySet().removeIf(key -> key.streamId().equals(streamId));
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private boolean streamReadsPaid(Stream stream, long now) {
        StreamBudget streamBudget = onDemand(stream);
        if (streamBudget == null) {
            return true;
        }
        synchronized (streamBudget) {
            return streamBudget.readBytes.fits(0, now);
        }
    }

    private ShardBudget shard(Stream stream, int shard) {
        return shards.computeIfAbsent(new ShardKey(stream.id(), shard), key -> new ShardBudget(ticker.nanos()));
    }

    private StreamBudget onDemand(Stream stream) {
        if (profile(stream) != LimitsProfile.KINESIS_ON_DEMAND) {
            return null;
        }
        return streams.computeIfAbsent(stream.id(), id -> new StreamBudget(ticker.nanos()));
    }

    private static long toMillis(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1);
    }

    private record ShardKey(UUID streamId, int shard) {}

    /** A shard's budgets, guarded by its monitor. */
    private static final class ShardBudget {
        final TokenBucket writeBytes;
        final TokenBucket writeRecords;
        final TokenBucket readBytes;
        final TokenBucket readCalls;
        final TokenBucket iterators;

        ShardBudget(long now) {
            writeBytes = new TokenBucket(
                    KinesisQuotas.SHARD_WRITE_BYTES_PER_SECOND, KinesisQuotas.SHARD_WRITE_BYTES_PER_SECOND, now);
            writeRecords = new TokenBucket(
                    KinesisQuotas.SHARD_WRITE_RECORDS_PER_SECOND, KinesisQuotas.SHARD_WRITE_RECORDS_PER_SECOND, now);
            readBytes = new TokenBucket(KinesisQuotas.SHARD_READ_BYTES_PER_SECOND, 0, now);
            readCalls = new TokenBucket(
                    KinesisQuotas.SHARD_READ_CALLS_PER_SECOND, KinesisQuotas.SHARD_READ_CALLS_PER_SECOND, now);
            iterators = new TokenBucket(
                    KinesisQuotas.SHARD_ITERATORS_PER_SECOND, KinesisQuotas.SHARD_ITERATORS_PER_SECOND, now);
        }

        synchronized boolean tryWrite(long bytes, long now) {
            if (!writeBytes.fits(bytes, now) || !writeRecords.fits(1, now)) {
                return false;
            }
            writeBytes.take(bytes, now);
            writeRecords.take(1, now);
            return true;
        }

        synchronized long write(int records, long bytes, long now) {
            writeBytes.take(bytes, now);
            writeRecords.take(records, now);
            return Math.max(writeBytes.nanosUntil(0, now), writeRecords.nanosUntil(0, now));
        }

        synchronized boolean tryReadCall(long now) {
            if (!readBytes.fits(0, now) || !readCalls.fits(1, now)) {
                return false;
            }
            readCalls.take(1, now);
            return true;
        }

        synchronized boolean readsPaid(long now) {
            return readBytes.fits(0, now);
        }

        synchronized long read(long bytes, long now) {
            readBytes.take(bytes, now);
            return readBytes.nanosUntil(0, now);
        }

        synchronized boolean tryIterator(long now) {
            if (!iterators.fits(1, now)) {
                return false;
            }
            iterators.take(1, now);
            return true;
        }
    }

    /** An on-demand stream's budgets, guarded by its monitor (taken before a shard's). */
    private static final class StreamBudget {
        final TokenBucket writeBytes;
        final TokenBucket writeRecords;
        final TokenBucket readBytes;

        StreamBudget(long now) {
            writeBytes = new TokenBucket(
                    KinesisQuotas.ON_DEMAND_WRITE_BYTES_PER_SECOND,
                    KinesisQuotas.ON_DEMAND_WRITE_BYTES_PER_SECOND,
                    now);
            writeRecords = new TokenBucket(
                    KinesisQuotas.ON_DEMAND_WRITE_RECORDS_PER_SECOND,
                    KinesisQuotas.ON_DEMAND_WRITE_RECORDS_PER_SECOND,
                    now);
            readBytes = new TokenBucket(KinesisQuotas.ON_DEMAND_READ_BYTES_PER_SECOND, 0, now);
        }
    }

    /** A named budget, guarded by its monitor. */
    private static final class CallBudget {
        final TokenBucket bucket;

        CallBudget(int perSecond, long now) {
            bucket = new TokenBucket(perSecond, perSecond, now);
        }
    }
}
