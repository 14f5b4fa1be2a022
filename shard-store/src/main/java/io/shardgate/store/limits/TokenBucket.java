package io.shardgate.store.limits;

/**
 * A token bucket that may go into debt: it refills at {@code perSecond} up to {@code burst} tokens, a caller may take
 * more than it holds (the bucket goes negative and must be paid off by time before anything fits again), and it
 * tells how long until it is back at a level. Kafka's quota throttle time, {@code (observed - quota) / quota ×
 * window} ({@code QuotaUtils.throttleTime}), is the same quantity: the excess divided by the rate. Not thread-safe:
 * {@link Limits} guards each bucket with its owner's monitor.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /** A full bucket. */
    TokenBucket(double perSecond, double burst, long nowNanos) {
        if (perSecond <= 0 || burst < 0) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 0: " + perSecond + ", " + burst);
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** The tokens held now (negative while in debt). */
    double level(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastNanos = nowNanos;
        }
        return tokens;
    }

    /**
     * Whether {@code amount} fits now: the bucket holds it, or is full when {@code amount} is larger than a full
     * bucket (one oversized item passes on a full bucket and leaves it in debt).
     */
    boolean fits(double amount, long nowNanos) {
        return level(nowNanos) >= Math.min(amount, burst);
    }

    /** Takes {@code amount}, into debt if need be. */
    void take(double amount, long nowNanos) {
        level(nowNanos);
        tokens -= amount;
    }

    /** Nanoseconds until the bucket holds {@code target} tokens again (at most {@code burst}); 0 if it does. */
    long nanosUntil(double target, long nowNanos) {
        double missing = Math.min(target, burst) - level(nowNanos);
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
    }
}
