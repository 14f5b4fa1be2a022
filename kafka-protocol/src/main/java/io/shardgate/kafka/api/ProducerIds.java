package io.shardgate.kafka.api;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Allocates producer ids for idempotent producers. The store SPI has no place to persist a counter yet, so ids are
 * seeded from the clock: {@code nowMs << 12}, i.e. up to 4,096 ids per millisecond without repeating after a
 * restart, and never below the clock's value, so a restart (which takes longer than the ids handed out ran ahead)
 * never repeats one. Thread-safe.
 */
public final class ProducerIds {

    private static final int SHIFT = 12;

    private final AtomicLong last;
    private final LongSupplier clockMs;

    public ProducerIds(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.last = new AtomicLong(clockMs.getAsLong() << SHIFT);
    }

    /** A producer id never handed out before. */
    public long next() {
        long floor = clockMs.getAsLong() << SHIFT;
        return last.updateAndGet(previous -> Math.max(previous + 1, floor));
    }
}
