package io.shardgate.bench;

import java.util.Arrays;

/**
 * Every latency of a phase, kept exactly and sorted once at the end (a few million longs at most). Thread-safe:
 * completions are recorded on the store's completer thread, or on the appender's thread when a stage has
 * already completed.
 */
final class LatencyRecorder {
    private long[] values = new long[1 << 16];
    private int count;

    synchronized void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** Merges the recorders and sorts the result; the recorders must no longer be written. */
    static long[] sorted(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.count();
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            synchronized (r) {
                System.arraycopy(r.values, 0, all, at, r.count);
                at += r.count;
            }
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile of sorted values, or NaN when there are none. */
    static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
