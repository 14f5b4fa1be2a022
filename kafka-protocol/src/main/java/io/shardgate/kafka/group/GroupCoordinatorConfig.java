package io.shardgate.kafka.group;

/**
 * The group coordinator's settings, Kafka's broker configs of the same meaning; documented in
 * {@code docs/configuration.md} under {@code kafka.groups.}.
 *
 * @param minSessionTimeoutMs Kafka's {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs Kafka's {@code group.max.session.timeout.ms}
 * @param initialRebalanceDelayMs Kafka's {@code group.initial.rebalance.delay.ms}
 * @param maxSize Kafka's {@code group.max.size}
 */
public record GroupCoordinatorConfig(
        int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs, int maxSize) {

    /** How long a new member's JoinGroup may wait before it is dropped (Kafka's fixed 5 minutes). */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    public GroupCoordinatorConfig {
        if (minSessionTimeoutMs < 0 || maxSessionTimeoutMs < minSessionTimeoutMs) {
            throw new IllegalArgumentException("need 0 <= minSessionTimeoutMs <= maxSessionTimeoutMs: "
                    + minSessionTimeoutMs + ", " + maxSessionTimeoutMs);
        }
        if (initialRebalanceDelayMs < 0) {
            throw new IllegalArgumentException("initialRebalanceDelayMs must be >= 0: " + initialRebalanceDelayMs);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1: " + maxSize);
        }
    }

    /** Kafka's defaults: sessions of 6 s to 30 min, a 3 s initial rebalance delay, unbounded groups. */
    public static GroupCoordinatorConfig defaults() {
        return new GroupCoordinatorConfig(6_000, 1_800_000, 3_000, Integer.MAX_VALUE);
    }
}
