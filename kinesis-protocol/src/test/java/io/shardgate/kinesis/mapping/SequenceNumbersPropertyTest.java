package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.regex.Pattern;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/** ADR 0002 "How we test it": bijection, order, shape and detection over the whole domain. */
class SequenceNumbersPropertyTest {

    private static final SequenceNumberUse USE = SequenceNumberUse.getShardIterator("orders", "123456789012");
    private static final Pattern REQUEST_PATTERN = Pattern.compile(SequenceNumbers.PATTERN);
    private static final long MAX_SECOND = SequenceNumbers.MAX_CREATION_SECOND;

    @Property
    void decodeInvertsEncode(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @IntRange(min = 0, max = 999) int createdMillis,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        long createdMs = createdSecond * 1000 + createdMillis;
        String seq = SequenceNumbers.encode(index, createdMs, offset);
        assertThat(SequenceNumbers.decode(seq, index, createdMs, USE)).isEqualTo(offset);
        // the milliseconds of the creation time are not part of the number
        assertThat(SequenceNumbers.decode(seq, index, createdSecond * 1000, USE))
                .isEqualTo(offset);
    }

    @Property
    void theEncoderPrintsTheLayoutsInteger(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        SequenceNumbers.Encoder encoder = SequenceNumbers.encoder(index, createdSecond * 1000);
        assertThat(encoder.encode(offset))
                .isEqualTo(SequenceNumbers.encodeToInteger(index, createdSecond * 1000, offset)
                        .toString());
        for (long edge : new long[] {0, 1, 999_999_999, 1_000_000_000, 999_999_999_999_999_999L, Long.MAX_VALUE}) {
            assertThat(encoder.encode(edge))
                    .isEqualTo(SequenceNumbers.encodeToInteger(index, createdSecond * 1000, edge)
                            .toString());
        }
    }

    @Property
    void shardIdsAreZeroPaddedToTwelveDigits(@ForAll @LongRange(min = -5, max = Long.MAX_VALUE) long index) {
        assertThat(SequenceNumbers.shardId(index)).isEqualTo(String.format("shardId-%012d", index));
    }

    @Property
    void everyNumberHas56DigitsAndMatchesTheRequestPattern(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        String seq = SequenceNumbers.encode(index, createdSecond * 1000, offset);
        assertThat(seq).hasSize(SequenceNumbers.DIGITS).matches(REQUEST_PATTERN);
    }

    @Property
    void orderIsOffsetOrderAsIntegersAndAsStrings(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long o1,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long o2) {
        String s1 = SequenceNumbers.encode(index, createdSecond * 1000, o1);
        String s2 = SequenceNumbers.encode(index, createdSecond * 1000, o2);
        int expected = Long.signum(Long.compare(o1, o2));
        assertThat(Integer.signum(new BigInteger(s1).compareTo(new BigInteger(s2))))
                .isEqualTo(expected);
        assertThat(Integer.signum(s1.compareTo(s2))).isEqualTo(expected);
    }

    @Property
    void consecutiveOffsetsDifferByTwoToThe80th(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long offset) {
        BigInteger a = SequenceNumbers.encodeToInteger(index, createdSecond * 1000, offset);
        BigInteger b = SequenceNumbers.encodeToInteger(index, createdSecond * 1000, offset + 1);
        assertThat(b.subtract(a)).isEqualTo(BigInteger.ONE.shiftLeft(80));
    }

    @Property
    void anotherShardGetsTheEncodesError(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int target,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        if (index == target) {
            return;
        }
        String seq = SequenceNumbers.encode(index, createdSecond * 1000, offset);
        assertThatThrownBy(() -> SequenceNumbers.decode(seq, target, createdSecond * 1000, USE))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
                    assertThat(e.getMessage())
                            .isEqualTo("Invalid StartingSequenceNumber. It encodes "
                                    + String.format("shardId-%012d", index)
                                    + ", while it was used in a call to a shard with "
                                    + String.format("shardId-%012d", target));
                });
    }

    @Property
    void anotherCreationSecondDidNotComeFromThisStream(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long otherSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        if (createdSecond == otherSecond) {
            return;
        }
        String seq = SequenceNumbers.encode(index, createdSecond * 1000, offset);
        assertThatThrownBy(() -> SequenceNumbers.decode(seq, index, otherSecond * 1000, USE))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).endsWith(" is invalid because it did not come from this stream.");
                    assertThat(e.getMessage())
                            .startsWith("StartingSequenceNumber " + seq + " used in GetShardIterator");
                });
    }

    /** encode(decode(s)) = s for every accepted s: any one-bit change is either refused or re-encodes to itself. */
    @Property
    void everyAcceptedNumberReEncodesToItself(
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int index,
            @ForAll @LongRange(min = 0, max = MAX_SECOND) long createdSecond,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset,
            @ForAll @IntRange(min = 0, max = 187) int bit) {
        long createdMs = createdSecond * 1000;
        String changed = SequenceNumbers.encodeToInteger(index, createdMs, offset)
                .flipBit(bit)
                .toString();
        long decoded;
        try {
            decoded = SequenceNumbers.decode(changed, index, createdMs, USE);
        } catch (KinesisException e) {
            assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
            return;
        }
        assertThat(bit).isBetween(80, 142);
        assertThat(SequenceNumbers.encode(index, createdMs, decoded)).isEqualTo(changed);
    }
}
