package io.shardgate.kinesis.operation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/**
 * The SubscribeToShard slots of one listener, one per consumer and shard. As on AWS, a call gets
 * {@code ResourceInUseException} while another subscription of the same consumer and shard is active, and also
 * within the hold ({@code kinesis.subscriptionHoldMs}, AWS's 5 seconds) of the last call that started one, even if
 * that subscription has ended since. A call that fails before its stream starts gives its slot back as it found it.
 * Thread-safe.
 *
 * @param <S> the subscriptions held
 */
final class Subscriptions<S> {

    /**
     * When the slots first exceed this many, those that hold nothing any more are dropped as a subscription is added;
     * the next pass waits until the map has doubled again, so that many active subscriptions do not make every call
     * scan them all.
     */
    private static final int PRUNE_ABOVE = 1024;

    /**
     * A consumer-and-shard slot: the subscription streaming now, if any, and when the last successful call started.
     */
    private record Slot<S>(S active, long startedMs) {}

    private final ConcurrentMap<String, Slot<S>> slots = new ConcurrentHashMap<>();
    private final long holdMs;
    /** The size above which the next prune pass runs (racy by design: a pass more or less changes nothing). */
    private volatile int pruneAbove = PRUNE_ABOVE;

    Subscriptions(long holdMs) {
        this.holdMs = holdMs;
    }

    /** The registry key of a consumer's subscription to a shard. */
    static String key(String consumerArn, int shardIndex) {
        return consumerArn + "#" + shardIndex;
    }

    /**
     * Takes the slot under {@code key} for {@code subscription}, started at {@code nowMs}.
     *
     * @throws KinesisException {@code ResourceInUseException} with {@code message} if another subscription holds the
     *     slot or the last one started less than the hold ago
     */
    void add(String key, S subscription, long nowMs, String message) {
        if (slots.size() > pruneAbove) {
            slots.values().removeIf(slot -> slot.active() == null && nowMs - slot.startedMs() >= holdMs);
            pruneAbove = Math.max(PRUNE_ABOVE, 2 * slots.size());
        }
        Slot<S> taken = new Slot<>(subscription, nowMs);
        Slot<S> found = slots.compute(key, (k, slot) -> {
            if (slot != null && (slot.active() != null || nowMs - slot.startedMs() < holdMs)) {
                return slot;
            }
            return taken;
        });
        if (found != taken) {
            throw new KinesisException(KinesisError.RESOURCE_IN_USE, message);
        }
    }

    /** Leaves the slot after {@code subscription} ended; the hold of its start still applies. */
    void remove(String key, S subscription) {
        slots.computeIfPresent(
                key, (k, slot) -> slot.active() == subscription ? new Slot<S>(null, slot.startedMs()) : slot);
    }

    /**
     * Gives the slot back after {@code subscription}'s call failed before its stream started (call it before ending
     * the subscription): the call never succeeded, so it starts no hold.
     */
    void withdraw(String key, S subscription) {
        slots.computeIfPresent(key, (k, slot) -> slot.active() == subscription ? null : slot);
    }

    /** How many subscriptions are active. */
    int size() {
        return (int)
                slots.values().stream().filter(slot -> slot.active() != null).count();
    }
}
