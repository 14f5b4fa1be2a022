package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

class ShardIteratorsTest {

    private static final byte[] KEY = new byte[32];
    private static final Instant T0 = Instant.parse("2015-01-22T01:22:02Z");

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Property
    void roundTrips(
            @ForAll @AlphaChars @NumericChars @Chars({'_', '.', '-'}) @StringLength(min = 1, max = 249)
                    String streamName,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int shard,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset) {
        MutableClock clock = new MutableClock(T0);
        ShardIterators iterators = new ShardIterators(KEY, clock);
        String token = iterators.seal(streamName, shard, offset);
        assertThat(token).hasSizeBetween(1, ShardIterators.MAX_TOKEN_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(iterators.unseal(token))
                .isEqualTo(new ShardIterators.Position(streamName, shard, offset, T0.toEpochMilli()));
    }

    @Example
    void tokensDifferEvenForTheSamePosition() {
        ShardIterators iterators = new ShardIterators(KEY, new MutableClock(T0));
        assertThat(iterators.seal("orders", 1, 2)).isNotEqualTo(iterators.seal("orders", 1, 2));
    }

    @Example
    void longestStreamNameStaysWithinTheSdkLimit() {
        ShardIterators iterators = new ShardIterators(KEY, new MutableClock(T0));
        String token = iterators.seal("x".repeat(ShardIterators.MAX_STREAM_NAME_BYTES), Integer.MAX_VALUE, 1);
        assertThat(token.length()).isLessThanOrEqualTo(ShardIterators.MAX_TOKEN_LENGTH);
        assertThatThrownBy(() -> iterators.seal("x".repeat(ShardIterators.MAX_STREAM_NAME_BYTES + 1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void validForFiveMinutesThenExpired() {
        // Given
        MutableClock clock = new MutableClock(T0);
        ShardIterators iterators = new ShardIterators(KEY, clock);
        String token = iterators.seal("orders", 0, 17);
        // When: exactly five minutes later, the tolerated delay
        clock.advance(Duration.ofMinutes(5));
        // Then
        assertThat(iterators.unseal(token).offset()).isEqualTo(17);
        // When: one millisecond more
        clock.advance(Duration.ofMillis(1));
        // Then
        assertThatThrownBy(() -> iterators.unseal(token)).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.error()).isEqualTo(KinesisError.EXPIRED_ITERATOR);
            assertThat(e.getMessage())
                    .isEqualTo("Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2015"
                            + " while right now it is Thu Jan 22 01:27:02 UTC 2015 which is further in the"
                            + " future than the tolerated delay of 300000 milliseconds.");
        });
    }

    @Property(tries = 200)
    void anyFlippedByteIsRejected(
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int xor,
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = 'a', to = 'z') String streamName) {
        ShardIterators iterators = new ShardIterators(KEY, new MutableClock(T0));
        byte[] bytes = Base64.getUrlDecoder().decode(iterators.seal(streamName, 3, 99));
        bytes[position % bytes.length] ^= (byte) xor;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertInvalid(iterators, forged);
    }

    @Property(tries = 200)
    void anyChangedCharacterIsRejected(
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @CharRange(from = '!', to = '~') char replacement) {
        ShardIterators iterators = new ShardIterators(KEY, new MutableClock(T0));
        String token = iterators.seal("orders", 3, 99);
        int at = position % token.length();
        if (token.charAt(at) == replacement) {
            return;
        }
        String forged = token.substring(0, at) + replacement + token.substring(at + 1);
        assertInvalid(iterators, forged);
    }

    @Example
    void garbageAndOtherKeysAreRejected() {
        ShardIterators iterators = new ShardIterators(KEY, new MutableClock(T0));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        String foreign = new ShardIterators(otherKey, new MutableClock(T0)).seal("orders", 0, 0);
        String token = iterators.seal("orders", 0, 0);
        for (String bad : new String[] {
            "",
            "AAAA",
            "not base64!",
            foreign,
            token + "A",
            token.substring(0, token.length() - 1),
            token + "=",
            "A".repeat(ShardIterators.MAX_TOKEN_LENGTH + 1)
        }) {
            assertInvalid(iterators, bad);
        }
        assertInvalid(iterators, null);
    }

    @Example
    void keyMustBe256Bits() {
        assertThatThrownBy(() -> new ShardIterators(new byte[16], Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInvalid(ShardIterators iterators, String token) {
        assertThatThrownBy(() -> iterators.unseal(token)).isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo("Invalid ShardIterator.");
        });
    }
}
