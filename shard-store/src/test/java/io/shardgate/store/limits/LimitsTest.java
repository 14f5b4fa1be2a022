package io.shardgate.store.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;

/** The ledger's budgets against the numbers of {@link KinesisQuotas}, on a ticker moved by hand: no sleeps. */
class LimitsTest {

    private static final int MIB = 1024 * 1024;

    private long now = 1_000_000_000L;
    private final Limits limits = new Limits(LimitsProfile.UNLIMITED, 500, () -> now);

    private static Stream stream(String profile, int shards) {
        StreamSettings settings = StreamSettings.defaults();
        settings = new StreamSettings(
                settings.status(),
                settings.retentionMs(),
                settings.retentionBytes(),
                profile,
                settings.maxRecordBytes(),
                settings.timestampType(),
                settings.configs());
        return new Stream("s", StreamOrigin.KINESIS, UUID.randomUUID(), 0, settings, List.of());
    }

    private void advanceMillis(long ms) {
        now += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void unlimitedAndMskStreamsAreNeverThrottled() {
        for (String profile : List.of("unlimited", "msk")) {
            Stream stream = stream(profile, 1);
            for (int i = 0; i < 10_000; i++) {
                assertThat(limits.tryWrite(stream, 0, MIB)).isTrue();
                assertThat(limits.tryReadCall(stream, 0)).isTrue();
                assertThat(limits.tryIteratorCall(stream, 0)).isTrue();
            }
            assertThat(limits.write(stream, 0, 1_000_000, 100L * MIB)).isZero();
            assertThat(limits.read(stream, 0, 100L * MIB)).isZero();
            assertThat(Limits.budgeted(stream)).isFalse();
        }
    }

    @Test
    void writesStopAtOneThousandRecordsPerSecondPerShard() {
        // Given
        Stream stream = stream("kinesis-provisioned", 2);
        // When
        int accepted = 0;
        for (int i = 0; i < 1_500; i++) {
            if (limits.tryWrite(stream, 0, 10)) {
                accepted++;
            }
        }
        // Then
        assertThat(accepted).isEqualTo(KinesisQuotas.SHARD_WRITE_RECORDS_PER_SECOND);
        assertThat(limits.tryWrite(stream, 1, 10))
                .as("another shard has its own budget")
                .isTrue();
        advanceMillis(100);
        int refilled = 0;
        while (limits.tryWrite(stream, 0, 10)) {
            refilled++;
        }
        assertThat(refilled).isEqualTo(100);
    }

    @Test
    void writesStopAtOneMebibytePerSecondPerShard() {
        Stream stream = stream("kinesis-provisioned", 1);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.tryWrite(stream, 0, 256 * 1024)).isTrue();
        }
        assertThat(limits.tryWrite(stream, 0, 1)).isFalse();
        advanceMillis(500);
        assertThat(limits.tryWrite(stream, 0, 512 * 1024)).isTrue();
        assertThat(limits.tryWrite(stream, 0, 1)).isFalse();
    }

    @Test
    void aRecordLargerThanTheBudgetPassesOnAFullBudgetAndLeavesItInDebt() {
        Stream stream = stream("kinesis-provisioned", 1);
        assertThat(limits.tryWrite(stream, 0, 2L * MIB)).isTrue();
        advanceMillis(999);
        assertThat(limits.tryWrite(stream, 0, 1)).isFalse();
        advanceMillis(1_000);
        assertThat(limits.tryWrite(stream, 0, 1)).isTrue();
    }

    @Test
    void kafkaWritesAreChargedAndAnswerTheTimeToPayTheExcessOff() {
        Stream stream = stream("kinesis-provisioned", 1);
        // 3 MiB on a full 1 MiB bucket: 2 MiB over at 1 MiB/s, Kafka's (O - T) / T × W.
        assertThat(limits.write(stream, 0, 10, 3L * MIB)).isEqualTo(2_000);
        // 2,000 records on a full 1,000 bucket: the records are the longer wait now.
        advanceMillis(2_000);
        assertThat(limits.write(stream, 0, 3_000, 10)).isEqualTo(2_000);
        assertThat(limits.tryWrite(stream, 0, 1)).isFalse();
    }

    @Test
    void readCallsStopAtFivePerSecondPerShard() {
        Stream stream = stream("kinesis-provisioned", 1);
        for (int i = 0; i < KinesisQuotas.SHARD_READ_CALLS_PER_SECOND; i++) {
            assertThat(limits.tryReadCall(stream, 0)).isTrue();
        }
        assertThat(limits.tryReadCall(stream, 0)).isFalse();
        advanceMillis(200);
        assertThat(limits.tryReadCall(stream, 0)).isTrue();
        assertThat(limits.tryReadCall(stream, 0)).isFalse();
    }

    @Test
    void aTenMebibyteReadRefusesReadCallsForFiveSeconds() {
        Stream stream = stream("kinesis-provisioned", 1);
        assertThat(limits.tryReadCall(stream, 0)).isTrue();
        assertThat(limits.read(stream, 0, KinesisQuotas.LARGEST_READ_BYTES))
                .isEqualTo(KinesisQuotas.LARGEST_READ_PENALTY_SECONDS * 1_000L);
        advanceMillis(4_999);
        assertThat(limits.tryReadCall(stream, 0)).isFalse();
        assertThat(limits.readable(stream, 0)).isFalse();
        advanceMillis(1);
        assertThat(limits.tryReadCall(stream, 0)).isTrue();
    }

    @Test
    void readsShareTwoMebibytesPerSecond() {
        Stream stream = stream("kinesis-provisioned", 1);
        assertThat(limits.read(stream, 0, MIB)).isEqualTo(500);
        advanceMillis(250);
        assertThat(limits.readable(stream, 0)).isFalse();
        assertThat(limits.read(stream, 0, MIB)).isEqualTo(750);
    }

    @Test
    void iteratorRequestsStopAtFivePerSecondPerShard() {
        Stream stream = stream("kinesis-provisioned", 2);
        for (int i = 0; i < KinesisQuotas.SHARD_ITERATORS_PER_SECOND; i++) {
            assertThat(limits.tryIteratorCall(stream, 0)).isTrue();
        }
        assertThat(limits.tryIteratorCall(stream, 0)).isFalse();
        assertThat(limits.tryIteratorCall(stream, 1)).isTrue();
    }

    @Test
    void onDemandStreamsAlsoHaveAStreamWideWriteBudget() {
        // Given 8 shards: 8,000 records/s by shards, 4,000 by the stream
        Stream stream = stream("kinesis-on-demand", 8);
        // When
        int accepted = 0;
        for (int shard = 0; shard < 8; shard++) {
            for (int i = 0; i < 1_000; i++) {
                if (limits.tryWrite(stream, shard, 10)) {
                    accepted++;
                }
            }
        }
        // Then
        assertThat(accepted).isEqualTo(KinesisQuotas.ON_DEMAND_WRITE_RECORDS_PER_SECOND);
        // shard 7 is untouched: 4,000 records are 3 s of its budget, 1 s of the stream's
        assertThat(limits.write(stream, 7, 4_000, 10)).isEqualTo(3_000);
    }

    @Test
    void namedCallsHaveTheirOwnBudgets() {
        record Call(String operation, String scope) {}
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryCall(new Call("DescribeStream", "account"), 10))
                    .isTrue();
        }
        assertThat(limits.tryCall(new Call("DescribeStream", "account"), 10)).isFalse();
        assertThat(limits.tryCall(new Call("ListStreams", "account"), 5)).isTrue();
        advanceMillis(100);
        assertThat(limits.tryCall(new Call("DescribeStream", "account"), 10)).isTrue();
    }

    @Test
    void pacingAnswersTheTimeUntilTheBudgetIsOutOfDebt() {
        Object key = "consumer/shard";
        assertThat(limits.pace(key, 2 * MIB, 2 * MIB)).isZero();
        assertThat(limits.pace(key, 2 * MIB, MIB)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void profilesHaveTheirNames() {
        assertThat(LimitsProfile.of("kinesis-on-demand")).isEqualTo(LimitsProfile.KINESIS_ON_DEMAND);
        assertThat(LimitsProfile.find("kinesis")).isEmpty();
        assertThat(LimitsProfile.budgeted("kinesis-provisioned")).isTrue();
        assertThat(LimitsProfile.budgeted("msk")).isFalse();
        assertThat(LimitsProfile.budgeted("unknown")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LimitsProfile.of("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown limits profile 'fast'");
    }
}
