package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

class SubscriptionsTest {

    private static final long HOLD = 5_000;
    private static final String KEY =
            Subscriptions.key("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1", 0);

    private final Subscriptions<String> subscriptions = new Subscriptions<>(HOLD);

    @Test
    void shouldRefuseAnotherCallWhileOneIsActiveHoweverLongAgoItStarted() {
        // Given
        subscriptions.add(KEY, "first", 0, "in use");

        // When / Then
        assertRefused(HOLD * 100);
        assertThat(subscriptions.size()).isEqualTo(1);
    }

    @Test
    void shouldHoldTheSlotUntilFiveSecondsAfterTheLastSuccessfulCallWhenTheSubscriptionEndedSooner() {
        // Given a subscription that ended one second after it started
        subscriptions.add(KEY, "first", 1_000, "in use");
        subscriptions.remove(KEY, "first");
        assertThat(subscriptions.size()).isZero();

        // When / Then the slot is held until the hold has passed since the start, not since the end
        assertRefused(1_000 + HOLD - 1);
        subscriptions.add(KEY, "second", 1_000 + HOLD, "in use");
        assertThat(subscriptions.size()).isEqualTo(1);
    }

    @Test
    void shouldHoldNothingAfterACallThatFailedBeforeItsStreamStarted() {
        // Given a call that took the slot, then failed
        subscriptions.add(KEY, "failed", 0, "in use");
        subscriptions.withdraw(KEY, "failed");
        subscriptions.remove(KEY, "failed");

        // When / Then the next call at once takes it
        subscriptions.add(KEY, "next", 1, "in use");
        assertThat(subscriptions.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepEachConsumerAndShardApart() {
        // Given
        subscriptions.add(KEY, "first", 0, "in use");

        // When / Then another shard and another consumer are free
        subscriptions.add(Subscriptions.key("arn:…/consumer/c:1", 1), "other shard", 0, "in use");
        subscriptions.add(Subscriptions.key("arn:…/consumer/d:1", 0), "other consumer", 0, "in use");
        assertThat(subscriptions.size()).isEqualTo(3);
    }

    @Test
    void shouldNotLetAStaleEndFreeANewerSubscription() {
        // Given a subscription, ended, and a newer one in the slot
        subscriptions.add(KEY, "first", 0, "in use");
        subscriptions.remove(KEY, "first");
        subscriptions.add(KEY, "second", HOLD, "in use");

        // When the first ends again (a late cancel)
        subscriptions.remove(KEY, "first");
        subscriptions.withdraw(KEY, "first");

        // Then the second still holds it
        assertRefused(HOLD * 10);
    }

    @Test
    void shouldForgetEndedSlotsPastTheirHoldWhenThereAreMany() {
        // Given many slots whose subscriptions ended
        for (int i = 0; i < 2_000; i++) {
            String key = Subscriptions.key("arn", i);
            String subscription = "s" + i;
            subscriptions.add(key, subscription, 0, "in use");
            subscriptions.remove(key, subscription);
        }

        // When one more is added after the hold
        subscriptions.add(KEY, "late", HOLD, "in use");

        // Then the old ones are free and only the new one is active
        assertThat(subscriptions.size()).isEqualTo(1);
        subscriptions.add(Subscriptions.key("arn", 7), "again", HOLD, "in use");
    }

    private void assertRefused(long nowMs) {
        assertThatThrownBy(() -> subscriptions.add(KEY, "another", nowMs, "in use"))
                .isInstanceOf(KinesisException.class)
                .hasMessage("in use")
                .extracting(e -> ((KinesisException) e).error())
                .isEqualTo(KinesisError.RESOURCE_IN_USE);
    }
}
