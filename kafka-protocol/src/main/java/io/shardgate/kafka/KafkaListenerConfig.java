package io.shardgate.kafka;

import java.util.Objects;

/**
 * The Kafka listener's settings, validated here; the gateway binds its {@code kafka} section to this record. Every
 * field is documented in {@code docs/configuration.md} under {@code kafka.}.
 *
 * @param host the address to bind
 * @param port the TCP port to bind; {@code 0} picks a free port
 * @param advertisedHost the host Metadata tells clients to connect to; empty: {@code host}
 * @param advertisedPort the port Metadata tells clients to connect to; {@code 0}: the bound port
 * @param nodeId this broker's node id, also reported as the controller id
 * @param clusterId the cluster id Metadata reports; empty: derived from the data directory, stable across restarts
 * @param maxRequestBytes the largest request accepted, in bytes (Kafka's {@code socket.request.max.bytes})
 */
public record KafkaListenerConfig(
        String host,
        int port,
        String advertisedHost,
        int advertisedPort,
        int nodeId,
        String clusterId,
        int maxRequestBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

    public KafkaListenerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(clusterId, "clusterId");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (advertisedPort < 0 || advertisedPort > 65_535) {
            throw new IllegalArgumentException("advertisedPort must be between 0 and 65535: " + advertisedPort);
        }
        if (nodeId < 0) {
            throw new IllegalArgumentException("nodeId must be >= 0: " + nodeId);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be >= 1024: " + maxRequestBytes);
        }
    }

    /** 127.0.0.1:9092, advertised as bound, node 0, derived cluster id, 100 MiB requests. */
    public static KafkaListenerConfig defaults() {
        return new KafkaListenerConfig(DEFAULT_HOST, DEFAULT_PORT, "", 0, 0, "", DEFAULT_MAX_REQUEST_BYTES);
    }

    /** The same settings with {@code newClusterId}, for the gateway to fill in a derived id. */
    public KafkaListenerConfig withClusterId(String newClusterId) {
        return new KafkaListenerConfig(
                host, port, advertisedHost, advertisedPort, nodeId, newClusterId, maxRequestBytes);
    }
}
