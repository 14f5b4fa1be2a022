package io.shardgate.kafka;

import java.util.Objects;

/**
 * One Kafka listener's settings, as the gateway's configuration gives them.
 *
 * @param host the address to bind
 * @param port the port to bind; {@code 0} picks a free one
 * @param advertisedHost the host clients are told to connect to; {@code null} or blank: {@code host}
 * @param advertisedPort the port clients are told to connect to; {@code 0}: the bound port
 * @param nodeId this broker's node id (also the controller id)
 * @param clusterId the cluster id Metadata reports
 * @param maxRequestBytes the largest request frame accepted ({@code socket.request.max.bytes})
 */
public record KafkaListenerSettings(
        String host,
        int port,
        String advertisedHost,
        int advertisedPort,
        int nodeId,
        String clusterId,
        int maxRequestBytes) {
    public KafkaListenerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be >= 1: " + maxRequestBytes);
        }
    }
}
