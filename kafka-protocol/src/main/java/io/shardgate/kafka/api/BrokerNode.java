package io.shardgate.kafka.api;

import java.util.Objects;

/**
 * This broker as a listener advertises it.
 *
 * @param nodeId the node id (also the controller id)
 * @param host the advertised host
 * @param port the advertised port
 * @param clusterId the cluster id
 */
public record BrokerNode(int nodeId, String host, int port, String clusterId) {
    public BrokerNode {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
