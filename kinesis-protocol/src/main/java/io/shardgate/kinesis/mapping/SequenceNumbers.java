package io.shardgate.kinesis.mapping;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.Shard;

/**
 * Kinesis sequence numbers computed from (shard, offset), never stored (D2). The layout is ADR 0002's: a 188-bit
 * number, 47 hex digits, 56 decimal digits.
 *
 * <pre>
 * hex digit  0     1-9        10          11-26   27-28  29-37      38-45        46
 *            2     created s  index&amp;0xF  offset  00     created s  shard index  2
 * </pre>
 *
 * Within a shard the offset field is the highest field that varies, so big-integer order (and, all numbers having 56
 * digits, string order) is offset order. Decoding rejects numbers from other shards and streams with AWS's errors.
 */
public final class SequenceNumbers {

    /** The request pattern of a sequence number in service-2.json. */
    public static final String PATTERN = "0|([1-9]\\d{0,128})";

    /** Decimal digits of every number we issue. */
    public static final int DIGITS = 56;

    /** Largest shard creation second the 36-bit field holds. */
    public static final long MAX_CREATION_SECOND = (1L << 36) - 1;

    private static final String SHARD_ID_ZEROS = "000000000000";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    private static final BigInteger POW_2_124 = BigInteger.ONE.shiftLeft(124);
    private static final BigInteger POW_2_129 = BigInteger.ONE.shiftLeft(129);
    private static final BigInteger POW_2_185 = BigInteger.ONE.shiftLeft(185);
    private static final BigInteger ONE_AND_A_HALF_POW_2_185 =
            BigInteger.valueOf(3).shiftLeft(184);
    /** Version-0 numbers with a creation second at or above this are not AWS's (kinesalite's bound). */
    private static final long VERSION_0_MAX_CREATION_SECOND = 16_025_175_000L;

    private static final int MARKER = 2;
    private static final int LAYOUT_VERSION = 2;

    private SequenceNumbers() {}

    /** The shard id of a shard index, {@code shardId-%012d} (D3). */
    public static String shardId(long index) {
        if (index < 0) {
            return String.format("shardId-%012d", index);
        }
        String digits = Long.toString(index);
        return digits.length() < SHARD_ID_ZEROS.length()
                ? "shardId-" + SHARD_ID_ZEROS.substring(digits.length()) + digits
                : "shardId-" + digits;
    }

    /** The sequence number of {@code offset} in {@code shard}. */
    public static String encode(Shard shard, long offset) {
        return encode(shard.index(), shard.createdAtMs(), offset);
    }

    /**
     * The sequence number of {@code offset} in the shard with this index and creation time.
     *
     * @throws IllegalArgumentException if a value does not fit its field
     */
    public static String encode(int shardIndex, long shardCreatedAtMs, long offset) {
        return encoder(shardIndex, shardCreatedAtMs).encode(offset);
    }

    /** The sequence numbers of {@code shard}, for encoding many of its offsets. */
    public static Encoder encoder(Shard shard) {
        return encoder(shard.index(), shard.createdAtMs());
    }

    /**
     * The sequence numbers of the shard with this index and creation time.
     *
     * @throws IllegalArgumentException if a value does not fit its field
     */
    public static Encoder encoder(int shardIndex, long shardCreatedAtMs) {
        return new Encoder(encodeToInteger(shardIndex, shardCreatedAtMs, 0));
    }

    /**
     * Prints the sequence numbers of one shard without big-integer arithmetic: a number is the shard's number of
     * offset 0 plus {@code offset × 2^80} (the offset field is the only one that varies), added in base 10^9 limbs.
     */
    public static final class Encoder {
        private static final long BASE = 1_000_000_000L;
        /** 2^80 in base 10^9, least significant limb first. */
        private static final long[] TWO_TO_THE_80 = {174_706_176L, 819_614_629L, 1_208_925L};

        private static final int LIMBS = (DIGITS + 8) / 9;

        /** "00", "01" … "99": the digits of a limb are printed two at a time. */
        private static final byte[] DIGIT_PAIRS = new byte[200];

        static {
            for (int i = 0; i < 100; i++) {
                DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
                DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
            }
        }

        /** The number of offset 0 in base 10^9, least significant limb first. */
        private final long[] origin = new long[LIMBS];

        private Encoder(BigInteger origin) {
            BigInteger rest = origin;
            BigInteger base = BigInteger.valueOf(BASE);
            for (int i = 0; i < LIMBS; i++) {
                BigInteger[] qr = rest.divideAndRemainder(base);
                this.origin[i] = qr[1].longValueExact();
                rest = qr[0];
            }
            if (rest.signum() != 0) {
                throw new IllegalStateException("sequence number origin wider than " + DIGITS + " digits: " + origin);
            }
        }

        /**
         * The sequence number of {@code offset}.
         *
         * @throws IllegalArgumentException if {@code offset} is negative
         */
        public String encode(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0: " + offset);
            }
            long o0 = offset % BASE;
            long o1 = offset / BASE % BASE;
            long o2 = offset / BASE / BASE;
            long[] t = TWO_TO_THE_80;
            // Each product is below 10^18, a column's sum below 3 * 10^18 + carry: no overflow.
            long[] columns = {
                o0 * t[0],
                o0 * t[1] + o1 * t[0],
                o0 * t[2] + o1 * t[1] + o2 * t[0],
                o1 * t[2] + o2 * t[1],
                o2 * t[2],
                0,
                0
            };
            byte[] digits = new byte[LIMBS * 9];
            long carry = 0;
            for (int i = 0; i < LIMBS; i++) {
                long value = columns[i] + origin[i] + carry;
                carry = value / BASE;
                int limb = (int) (value % BASE);
                int at = (LIMBS - i) * 9 - 1;
                for (int pair = 0; pair < 4; pair++, at -= 2) {
                    int two = limb % 100;
                    limb /= 100;
                    digits[at] = DIGIT_PAIRS[2 * two + 1];
                    digits[at - 1] = DIGIT_PAIRS[2 * two];
                }
                digits[at] = (byte) ('0' + limb);
            }
            int skip = LIMBS * 9 - DIGITS;
            return new String(digits, skip, DIGITS, StandardCharsets.ISO_8859_1);
        }
    }

    /** {@link #encode(int, long, long)} as the integer it prints. */
    public static BigInteger encodeToInteger(int shardIndex, long shardCreatedAtMs, long offset) {
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shard index must be >= 0: " + shardIndex);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        long created = creationSecond(shardCreatedAtMs);
        return BigInteger.valueOf(MARKER)
                .shiftLeft(184)
                .or(BigInteger.valueOf(created).shiftLeft(148))
                .or(BigInteger.valueOf(shardIndex & 0xF).shiftLeft(144))
                .or(BigInteger.valueOf(offset).shiftLeft(80))
                .or(BigInteger.valueOf(created).shiftLeft(36))
                .or(BigInteger.valueOf(shardIndex).shiftLeft(4))
                .or(BigInteger.valueOf(LAYOUT_VERSION));
    }

    /**
     * The number that marks the position just before {@code offset}, between the numbers of {@code offset - 1} and
     * {@code offset}: the layout with the record-time field 0 (ADR 0011). A SubscribeToShard event that has no record
     * to name (a subscription at the very start of a shard) carries it as its {@code ContinuationSequenceNumber};
     * {@link #startOffset} reads it back as {@code offset} for both {@code AT_} and {@code AFTER_SEQUENCE_NUMBER}.
     */
    public static String before(Shard shard, long offset) {
        return beforeToInteger(shard.index(), shard.createdAtMs(), offset).toString();
    }

    private static BigInteger beforeToInteger(int shardIndex, long shardCreatedAtMs, long offset) {
        long created = creationSecond(shardCreatedAtMs);
        return encodeToInteger(shardIndex, shardCreatedAtMs, offset)
                .subtract(BigInteger.valueOf(created).shiftLeft(36));
    }

    /**
     * Where a reader positioned after everything before {@code next} continues from with
     * {@code AFTER_SEQUENCE_NUMBER}: the number of the record before {@code next}, or {@link #before} offset 0 at the
     * start of a shard. Never null: SubscribeToShard's {@code ContinuationSequenceNumber}.
     */
    public static String continuation(Shard shard, long next) {
        return next > 0 ? encode(shard, next - 1) : before(shard, 0);
    }

    /**
     * The offset a reader given {@code sequenceNumber} starts at: the number's offset ({@code AT_SEQUENCE_NUMBER}) or
     * the one after it ({@code AFTER_SEQUENCE_NUMBER}); a {@link #before} marker starts at its offset either way.
     * Errors as {@link #decode(String, Shard, SequenceNumberUse)}.
     */
    public static long startOffset(String sequenceNumber, Shard shard, SequenceNumberUse use, boolean after) {
        if (sequenceNumber != null && COMPILED.matcher(sequenceNumber).matches()) {
            BigInteger n = new BigInteger(sequenceNumber);
            long offset = n.shiftRight(80).longValue();
            if (offset >= 0
                    && n.bitLength() <= 188
                    && n.equals(beforeToInteger(shard.index(), shard.createdAtMs(), offset))) {
                return offset;
            }
        }
        long offset = decode(sequenceNumber, shard, use);
        return after ? offset + 1 : offset;
    }

    /**
     * Whether {@code sequenceNumber} has the layout of a number we issue ({@link #encode} or {@link #before}), for any
     * shard of any stream, with a time that is not after {@code nowMs}: what PutRecord checks of {@code
     * SequenceNumberForOrdering}, which AWS parses and refuses when its time lies in the future.
     */
    public static boolean wellFormed(String sequenceNumber, long nowMs) {
        if (sequenceNumber == null || !COMPILED.matcher(sequenceNumber).matches()) {
            return false;
        }
        BigInteger n = new BigInteger(sequenceNumber);
        if (n.compareTo(POW_2_185) <= 0 || n.compareTo(ONE_AND_A_HALF_POW_2_185) >= 0) {
            return false;
        }
        String hex = n.toString(16);
        if (Character.digit(hex.charAt(46), 16) != LAYOUT_VERSION
                || Character.digit(hex.charAt(11), 16) > 7
                || Character.digit(hex.charAt(38), 16) > 7
                || !hex.startsWith("00", 27)) {
            return false;
        }
        long shardIndex = Long.parseLong(hex.substring(38, 46), 16);
        long created = Long.parseLong(hex.substring(1, 10), 16);
        long recordTime = Long.parseLong(hex.substring(29, 38), 16);
        return Character.digit(hex.charAt(10), 16) == (shardIndex & 0xF)
                && (recordTime == created || recordTime == 0)
                && created <= Math.floorDiv(nowMs, 1000L);
    }

    /** The creation second the layout stores for a shard created at {@code shardCreatedAtMs}. */
    public static long creationSecond(long shardCreatedAtMs) {
        long second = Math.floorDiv(shardCreatedAtMs, 1000L);
        if (second < 0 || second > MAX_CREATION_SECOND) {
            throw new IllegalArgumentException("shard creation time out of range: " + shardCreatedAtMs);
        }
        return second;
    }

    /** The offset {@code sequenceNumber} addresses in {@code shard}; see {@link #decode(String, int, long, SequenceNumberUse)}. */
    public static long decode(String sequenceNumber, Shard shard, SequenceNumberUse use) {
        return decode(sequenceNumber, shard.index(), shard.createdAtMs(), use);
    }

    /**
     * The offset {@code sequenceNumber} addresses in the target shard, checked in ADR 0002's order so that the errors
     * are AWS's. Whether the offset is still retained or already written is the caller's business.
     *
     * @throws KinesisException {@code ValidationException} if it does not match {@link #PATTERN};
     *     {@code InvalidArgumentException} if it is not a number we issued for this shard
     */
    public static long decode(String sequenceNumber, int shardIndex, long shardCreatedAtMs, SequenceNumberUse use) {
        if (sequenceNumber == null || !COMPILED.matcher(sequenceNumber).matches()) {
            throw new KinesisException(
                    KinesisError.VALIDATION,
                    "1 validation error detected: Value '" + sequenceNumber + "' at '" + lowerFirst(use.parameter())
                            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + PATTERN);
        }
        BigInteger n = new BigInteger(sequenceNumber);
        if (n.compareTo(POW_2_124) < 0) {
            n = n.add(POW_2_124);
        }
        String hex = n.toString(16);
        if (n.compareTo(POW_2_129) < 0) {
            return decodeVersion0(sequenceNumber, hex, shardIndex, use);
        }
        if (n.compareTo(POW_2_185) <= 0 || n.compareTo(ONE_AND_A_HALF_POW_2_185) >= 0) {
            throw invalid(sequenceNumber, shardIndex, use);
        }
        // 47 hex digits from here on.
        int version = Character.digit(hex.charAt(46), 16);
        if (version == 1) {
            long encodedShard = Long.parseLong(hex.substring(38, 46), 16);
            checkShard(encodedShard, shardIndex, use);
            throw notFromThisStream(sequenceNumber, shardIndex, use);
        }
        if (version != LAYOUT_VERSION
                || Character.digit(hex.charAt(11), 16) > 7
                || Character.digit(hex.charAt(38), 16) > 7) {
            throw invalid(sequenceNumber, shardIndex, use);
        }
        long encodedShard = Long.parseLong(hex.substring(38, 46), 16);
        checkShard(encodedShard, shardIndex, use);
        long created = Long.parseLong(hex.substring(1, 10), 16);
        if (created != creationSecond(shardCreatedAtMs)) {
            throw notFromThisStream(sequenceNumber, shardIndex, use);
        }
        boolean canonical = Character.digit(hex.charAt(10), 16) == (shardIndex & 0xF)
                && hex.startsWith("00", 27)
                && Long.parseLong(hex.substring(29, 38), 16) == created;
        if (!canonical) {
            throw invalid(sequenceNumber, shardIndex, use);
        }
        return Long.parseLong(hex.substring(11, 27), 16);
    }

    /**
     * AWS's oldest layout, 32 hex digits after adding 2^124: {@code 1}, creation second (9), a byte (2), 16 digits
     * nobody decoded, the low 16 bits of the shard index (4). Read only for its shard field and its errors; the
     * number shown in "did not come from this stream" is the re-assembled one, as kinesalite's AWS-checked suite has.
     */
    private static long decodeVersion0(String sequenceNumber, String hex, int shardIndex, SequenceNumberUse use) {
        long created = Long.parseLong(hex.substring(1, 10), 16);
        if (created >= VERSION_0_MAX_CREATION_SECOND) {
            throw invalid(sequenceNumber, shardIndex, use);
        }
        checkShard(Long.parseLong(hex.substring(28, 32), 16), shardIndex, use);
        String shown = new BigInteger("1" + hex.substring(1, 32), 16).toString();
        throw notFromThisStream(shown, shardIndex, use);
    }

    private static void checkShard(long encodedShard, int shardIndex, SequenceNumberUse use) {
        if (encodedShard != shardIndex) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Invalid " + use.parameter() + ". It encodes " + shardId(encodedShard)
                            + ", while it was used in a call to a shard with " + shardId(shardIndex));
        }
    }

    private static KinesisException invalid(String shown, int shardIndex, SequenceNumberUse use) {
        return new KinesisException(KinesisError.INVALID_ARGUMENT, usedIn(shown, shardIndex, use) + " is invalid.");
    }

    private static KinesisException notFromThisStream(String shown, int shardIndex, SequenceNumberUse use) {
        return new KinesisException(
                KinesisError.INVALID_ARGUMENT,
                usedIn(shown, shardIndex, use) + " is invalid because it did not come from this stream.");
    }

    private static String usedIn(String shown, int shardIndex, SequenceNumberUse use) {
        return use.parameter() + " " + shown + " used in " + use.operation() + " on shard " + shardId(shardIndex)
                + " in stream " + use.streamName() + " under account " + use.accountId();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
