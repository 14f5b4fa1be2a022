package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardState;

class SequenceNumbersTest {

    private static final SequenceNumberUse USE = SequenceNumberUse.getShardIterator("orders", "000000000000");
    private static final long CREATED_MS = 1_700_000_000_123L;
    private static final long NOW_MS = CREATED_MS + 60_000;

    @Test
    void shardIdPadsToTwelveDigits() {
        assertThat(SequenceNumbers.shardId(0)).isEqualTo("shardId-000000000000");
        assertThat(SequenceNumbers.shardId(5)).isEqualTo("shardId-000000000005");
        assertThat(SequenceNumbers.shardId(Integer.MAX_VALUE)).isEqualTo("shardId-002147483647");
    }

    @Test
    void encodesTheAdrLayout() {
        // Given / When / Then: values computed independently from the ADR 0002 table.
        assertThat(SequenceNumbers.encode(0, 0, 0))
                .isEqualTo("49039857307708443467467104868809893875799651909875269634");
        assertThat(SequenceNumbers.encode(5, 1_700_000_000_999L, 42))
                .isEqualTo("49646437577219980142909529521584382901372485909142831186");
        assertThat(SequenceNumbers.encodeToInteger(5, 1_700_000_000_000L, 42).toString(16))
                .isEqualTo("206553f1005000000000000002a0006553f100000000052");
        assertThat(SequenceNumbers.encode(
                        Integer.MAX_VALUE, SequenceNumbers.MAX_CREATION_SECOND * 1000, Long.MAX_VALUE))
                .isEqualTo("73559785961551514828601391991642868751110021890170683378");
    }

    @Test
    void printsWhatTheIntegerIs() {
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 20_000; i++) {
            int shard = random.nextInt(10) == 0 ? Integer.MAX_VALUE : random.nextInt(1 << random.nextInt(31));
            long created = (random.nextLong() & Long.MAX_VALUE) % (SequenceNumbers.MAX_CREATION_SECOND * 1000 + 1);
            long offset = (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63);

            assertThat(SequenceNumbers.encode(shard, created, offset))
                    .isEqualTo(SequenceNumbers.encodeToInteger(shard, created, offset)
                            .toString());
        }
    }

    @Test
    void decodesWhatItEncodes() {
        String seq = SequenceNumbers.encode(7, CREATED_MS, 123_456_789L);
        assertThat(SequenceNumbers.decode(seq, 7, CREATED_MS, USE)).isEqualTo(123_456_789L);
    }

    @Test
    void refusesValuesOutsideTheFields() {
        assertThatThrownBy(() -> SequenceNumbers.encode(-1, CREATED_MS, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceNumbers.encode(0, CREATED_MS, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceNumbers.encode(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceNumbers.encode(0, (SequenceNumbers.MAX_CREATION_SECOND + 1) * 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wellFormedNumbersAreTheOnesOfTheLayoutForAnyShard() {
        // Given numbers we issue, and record-less markers, of several shards and creation times
        for (int shard : new int[] {0, 5, 16, 4095, Integer.MAX_VALUE}) {
            for (long offset : new long[] {0, 1, 123_456_789L, Long.MAX_VALUE}) {
                assertThat(SequenceNumbers.wellFormed(SequenceNumbers.encode(shard, CREATED_MS, offset), NOW_MS))
                        .as("shard %d offset %d", shard, offset)
                        .isTrue();
            }
            assertThat(SequenceNumbers.wellFormed(
                            SequenceNumbers.before(
                                    new Shard(
                                            shard,
                                            new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX),
                                            OptionalInt.empty(),
                                            OptionalInt.empty(),
                                            ShardState.OPEN,
                                            CREATED_MS,
                                            OptionalLong.empty(),
                                            OptionalLong.empty()),
                                    7),
                            NOW_MS))
                    .isTrue();
        }

        // Then the SequenceNumberForOrdering values AWS refuses (kinesalite's suite, checked against AWS) are not
        for (String hex : new String[] {
            "20000000000000000000000000000000000000000000000", // version 0
            "20000000000000000000000000000000000000000000004", // version 4
            "20000000000000000000000000000000000000000000003", // version 3
            "30000000000000000000000000000000000000000000001", // initial 3
            "1ffffffffff7fffffffffffffff000000000007fffffff2", // initial 1
            "20000000000800000000000000000000000000000000002", // 8 in the index
            "2ffffffffff7fffffffffffffff000000000007fffffff2", // all f
            "13bb2cc3d80000000000000000000000" // a large date in the oldest layout
        }) {
            assertThat(SequenceNumbers.wellFormed(new BigInteger(hex, 16).toString(), NOW_MS))
                    .as(hex)
                    .isFalse();
        }
        assertThat(SequenceNumbers.wellFormed("0", NOW_MS)).isFalse();
        assertThat(SequenceNumbers.wellFormed("5", NOW_MS)).isFalse();
        assertThat(SequenceNumbers.wellFormed("01", NOW_MS)).isFalse();
        assertThat(SequenceNumbers.wellFormed(null, NOW_MS)).isFalse();
        String issued = SequenceNumbers.encode(3, CREATED_MS, 9);
        assertThat(SequenceNumbers.wellFormed(issued, CREATED_MS - 1000))
                .as("created after now")
                .isFalse();
        assertThat(SequenceNumbers.wellFormed(
                        new BigInteger(issued).add(BigInteger.ONE).toString(), NOW_MS))
                .isFalse();
    }

    @Test
    void goldenFiveOnShardZeroEncodesShardFive() {
        // kinesalite's AWS-checked case: a short number is read as 2^124 + n, whose old-layout shard field is 5.
        assertFails(
                "5",
                0,
                CREATED_MS,
                "Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a"
                        + " shard with shardId-000000000000");
    }

    @Test
    void goldenZeroDidNotComeFromThisStream() {
        assertFails(
                "0",
                0,
                CREATED_MS,
                "StartingSequenceNumber 21267647932558653966460912964485513216 used in GetShardIterator on shard"
                        + " shardId-000000000000 in stream orders under account 000000000000 is invalid because it"
                        + " did not come from this stream.");
    }

    @Test
    void anotherShardsNumberNamesItsShard() {
        String seq = SequenceNumbers.encode(5, CREATED_MS, 10);
        assertFails(
                seq,
                0,
                CREATED_MS,
                "Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a"
                        + " shard with shardId-000000000000");
    }

    @Test
    void aRecreatedStreamsNumberDidNotComeFromThisStream() {
        String seq = SequenceNumbers.encode(3, CREATED_MS, 10);
        assertFails(
                seq,
                3,
                CREATED_MS + 1000,
                "StartingSequenceNumber " + seq + " used in GetShardIterator on shard shardId-000000000003 in stream"
                        + " orders under account 000000000000 is invalid because it did not come from this stream.");
    }

    @Test
    void versionOneNumbersAreReadForTheirShardOnly() {
        String v1 = hex("2" + "06553f100" + "3" + "00" + "06553f100" + "00000000000000" + "00" + "00000003" + "1");
        assertFails(
                v1,
                0,
                CREATED_MS,
                "Invalid StartingSequenceNumber. It encodes shardId-000000000003, while it was used in a call to a"
                        + " shard with shardId-000000000000");
        assertFails(
                v1,
                3,
                CREATED_MS,
                "StartingSequenceNumber " + v1 + " used in GetShardIterator on shard shardId-000000000003 in stream"
                        + " orders under account 000000000000 is invalid because it did not come from this stream.");
    }

    @Test
    void unknownLayoutsAndOutOfRangeFieldsAreInvalid() {
        String invalidOnShard0 = " used in GetShardIterator on shard shardId-000000000000 in stream orders under"
                + " account 000000000000 is invalid.";
        // last hex digit 3: no such layout
        String v3 = hex("2" + "06553f100" + "0" + "0000000000000000" + "00" + "06553f100" + "00000000" + "3");
        assertFails(v3, 0, CREATED_MS, "StartingSequenceNumber " + v3 + invalidOnShard0);
        // sequence-index field's top hex digit above 7
        String highOffset = hex("2" + "06553f100" + "0" + "8000000000000000" + "00" + "06553f100" + "00000000" + "2");
        assertFails(highOffset, 0, CREATED_MS, "StartingSequenceNumber " + highOffset + invalidOnShard0);
        // shard-index field's top hex digit above 7
        String highShard = hex("2" + "06553f100" + "0" + "0000000000000000" + "00" + "06553f100" + "80000000" + "2");
        assertFails(highShard, 0, CREATED_MS, "StartingSequenceNumber " + highShard + invalidOnShard0);
        // between the layouts' ranges, and above them
        String between = BigInteger.ONE.shiftLeft(150).toString();
        assertFails(between, 0, CREATED_MS, "StartingSequenceNumber " + between + invalidOnShard0);
        String huge = "9".repeat(129);
        assertFails(huge, 0, CREATED_MS, "StartingSequenceNumber " + huge + invalidOnShard0);
    }

    @Test
    void nonCanonicalNumbersAreInvalid() {
        String invalid = " used in GetShardIterator on shard shardId-000000000000 in stream orders under account"
                + " 000000000000 is invalid.";
        String lowDigit = hex("2" + "06553f100" + "1" + "0000000000000005" + "00" + "06553f100" + "00000000" + "2");
        assertFails(lowDigit, 0, 1_700_000_000_000L, "StartingSequenceNumber " + lowDigit + invalid);
        String oddByte = hex("2" + "06553f100" + "0" + "0000000000000005" + "01" + "06553f100" + "00000000" + "2");
        assertFails(oddByte, 0, 1_700_000_000_000L, "StartingSequenceNumber " + oddByte + invalid);
        String recordTime = hex("2" + "06553f100" + "0" + "0000000000000005" + "00" + "06553f101" + "00000000" + "2");
        assertFails(recordTime, 0, 1_700_000_000_000L, "StartingSequenceNumber " + recordTime + invalid);
        String canonical = hex("2" + "06553f100" + "0" + "0000000000000005" + "00" + "06553f100" + "00000000" + "2");
        assertThat(SequenceNumbers.decode(canonical, 0, 1_700_000_000_000L, USE))
                .isEqualTo(5);
    }

    @Test
    void malformedStringsAreValidationErrors() {
        for (String bad : new String[] {"", "01", "-1", "abc", "1".repeat(130), " 1"}) {
            assertThatThrownBy(() -> SequenceNumbers.decode(bad, 0, CREATED_MS, USE))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                        assertThat(e.getMessage())
                                .isEqualTo("1 validation error detected: Value '" + bad
                                        + "' at 'startingSequenceNumber' failed to satisfy constraint: Member must"
                                        + " satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
                    });
        }
    }

    private static String hex(String digits) {
        assertThat(digits).hasSize(47);
        return new BigInteger(digits, 16).toString();
    }

    private static void assertFails(String seq, int shard, long createdMs, String message) {
        assertThatThrownBy(() -> SequenceNumbers.decode(seq, shard, createdMs, USE))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
