package io.shardgate.store.limits;

/** A monotonic time source in nanoseconds; tests inject one they move by hand. */
@FunctionalInterface
public interface Ticker {

    /** The current time in nanoseconds, only meaningful as a difference to another reading. */
    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
