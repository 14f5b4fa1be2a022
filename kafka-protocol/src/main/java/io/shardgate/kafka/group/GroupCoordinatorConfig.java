package io.shardgate.kafka.group;

/**
 * The group coordinator's settings, Kafka's broker configs of the same meaning; documented in
 * {@code docs/configuration.md} under {@code kafka.groups.}.
 *
 * @param minSessionTimeoutMs Kafka's {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs Kafka's {@code group.max.session.timeout.ms}
 * @param initialRebalanceDelayMs Kafka's {@code group.initial.rebalance.delay.ms}
 * @param maxSize Kafka's {@code group.max.size}
 * @param consumerSessionTimeoutMs Kafka's {@code group.consumer.session.timeout.ms}: a KIP-848 member that does not
 *     heartbeat for this long is removed
 * @param consumerHeartbeatIntervalMs Kafka's {@code group.consumer.heartbeat.interval.ms}: how often KIP-848 members
 *     are told to heartbeat
 * @param consumerMaxSize Kafka's {@code group.consumer.max.size}
 */
public record GroupCoordinatorConfig(
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int initialRebalanceDelayMs,
        int maxSize,
        int consumerSessionTimeoutMs,
        int consumerHeartbeatIntervalMs,
        int consumerMaxSize) {

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
        if (consumerHeartbeatIntervalMs < 1 || consumerSessionTimeoutMs <= consumerHeartbeatIntervalMs) {
            // Kafka requires the same of group.consumer.heartbeat.interval.ms and group.consumer.session.timeout.ms.
            throw new IllegalArgumentException("need 1 <= consumerHeartbeatIntervalMs < consumerSessionTimeoutMs: "
                    + consumerHeartbeatIntervalMs + ", " + consumerSessionTimeoutMs);
        }
        if (consumerMaxSize < 1) {
            throw new IllegalArgumentException("consumerMaxSize must be >= 1: " + consumerMaxSize);
        }
    }

    /**
     * Kafka's defaults: sessions of 6 s to 30 min, a 3 s initial rebalance delay, unbounded groups; KIP-848 members
     * heartbeat every 5 s and are removed after 45 s of silence.
     */
    public static GroupCoordinatorConfig defaults() {
        return new GroupCoordinatorConfig(6_000, 1_800_000, 3_000, Integer.MAX_VALUE, 45_000, 5_000, Integer.MAX_VALUE);
    }
}
