package io.shardgate.store;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of unsigned 128-bit hash keys. The open shards of a stream always tile
 * {@code [0, 2^128 - 1]} exactly.
 */
public record HashKeyRange(BigInteger start, BigInteger end) {

    /** The largest hash key, {@code 2^128 - 1}. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public HashKeyRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.signum() < 0 || end.compareTo(MAX) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("not a hash-key range: [" + start + ", " + end + "]");
        }
    }

    /** The whole space split into {@code count} ranges of equal size, the last absorbing the remainder. */
    public static List<HashKeyRange> uniform(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        BigInteger size = MAX.add(BigInteger.ONE).divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = size.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? MAX : start.add(size).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(start, end));
        }
        return ranges;
    }

    /** Whether the ranges, in any order, cover {@code [0, 2^128 - 1]} without gap or overlap. */
    public static boolean tiles(List<HashKeyRange> ranges) {
        List<HashKeyRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(HashKeyRange::start));
        BigInteger expected = BigInteger.ZERO;
        for (HashKeyRange range : sorted) {
            if (!range.start.equals(expected)) {
                return false;
            }
            expected = range.end.add(BigInteger.ONE);
        }
        return expected.equals(MAX.add(BigInteger.ONE));
    }

    public boolean contains(BigInteger hashKey) {
        return start.compareTo(hashKey) <= 0 && hashKey.compareTo(end) <= 0;
    }
}
