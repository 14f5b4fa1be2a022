package io.shardgate.kafka;

import java.util.List;
import java.util.Objects;

import io.shardgate.kafka.group.GroupCoordinatorConfig;

/**
 * The Kafka listeners' settings, validated here; the gateway binds its {@code kafka} section to this record. Every
 * field is documented in {@code docs/configuration.md} under {@code kafka.}.
 *
 * @param listeners Kafka's {@code listeners}: {@code NAME://host:port}, comma-separated
 * @param advertisedListeners Kafka's {@code advertised.listeners} for some or all of them; empty: as bound
 * @param nodeId this broker's node id, also reported as the controller id
 * @param clusterId the cluster id Metadata reports; empty: derived from the data directory, stable across restarts
 * @param maxRequestBytes the largest request accepted, in bytes (Kafka's {@code socket.request.max.bytes})
 * @param connectionsMaxIdleMs a connection without traffic for this long is closed (Kafka's
 *     {@code connections.max.idle.ms})
 * @param autoCreateTopics whether Metadata requests that allow it create unknown topics (Kafka's
 *     {@code auto.create.topics.enable})
 * @param defaultPartitions partitions of an automatically created topic (Kafka's {@code num.partitions})
 * @param groups the group coordinator's settings
 */
public record KafkaListenerConfig(
        String listeners,
        String advertisedListeners,
        int nodeId,
        String clusterId,
        int maxRequestBytes,
        long connectionsMaxIdleMs,
        boolean autoCreateTopics,
        int defaultPartitions,
        GroupCoordinatorConfig groups) {

    public static final String DEFAULT_LISTENERS = "PLAINTEXT://127.0.0.1:9092";
    public static final int DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;
    public static final long DEFAULT_CONNECTIONS_MAX_IDLE_MS = 10 * 60 * 1000;

    public KafkaListenerConfig {
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(advertisedListeners, "advertisedListeners");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(groups, "groups");
        KafkaEndpoint.parse(listeners, advertisedListeners);
        if (nodeId < 0) {
            throw new IllegalArgumentException("nodeId must be >= 0: " + nodeId);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be >= 1024: " + maxRequestBytes);
        }
        if (connectionsMaxIdleMs < 1) {
            throw new IllegalArgumentException("connectionsMaxIdleMs must be >= 1: " + connectionsMaxIdleMs);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be >= 1: " + defaultPartitions);
        }
    }

    /** One plaintext listener on 127.0.0.1:9092, node 0, derived cluster id, Kafka's limits and group settings, no
     * auto-creation. */
    public static KafkaListenerConfig defaults() {
        return new KafkaListenerConfig(
                DEFAULT_LISTENERS,
                "",
                0,
                "",
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_CONNECTIONS_MAX_IDLE_MS,
                false,
                1,
                GroupCoordinatorConfig.defaults());
    }

    /** The listeners to bind, in the order given. */
    public List<KafkaEndpoint> endpoints() {
        return KafkaEndpoint.parse(listeners, advertisedListeners);
    }

    /** The same settings with {@code newClusterId}, for the gateway to fill in a derived id. */
    public KafkaListenerConfig withClusterId(String newClusterId) {
        return new KafkaListenerConfig(
                listeners,
                advertisedListeners,
                nodeId,
                newClusterId,
                maxRequestBytes,
                connectionsMaxIdleMs,
                autoCreateTopics,
                defaultPartitions,
                groups);
    }
}
