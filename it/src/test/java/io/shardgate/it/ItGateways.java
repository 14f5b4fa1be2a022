package io.shardgate.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.shardgate.gateway.config.ConfigLoader;
import io.shardgate.gateway.config.GatewayConfig;

/** Gateway configurations for integration tests: a private data directory and every listener on port 0. */
final class ItGateways {
    private ItGateways() {}

    static GatewayConfig config(Path dataDir) {
        return config(dataDir, Map.of());
    }

    /** As {@link #config(Path)}, with further dotted-key overrides applied last. */
    static GatewayConfig config(Path dataDir, Map<String, String> more) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("store.dataDir", dataDir.toString());
        overrides.put("admin.port", "0");
        overrides.put("kafka.listeners", "PLAINTEXT://127.0.0.1:0");
        // As Kafka's own integration tests run their brokers: the first rebalance does not wait for more members.
        overrides.put("kafka.groups.initialRebalanceDelayMs", "0");
        overrides.put("kinesis.port", "0");
        overrides.putAll(more);
        return ConfigLoader.load(Optional.empty(), overrides);
    }
}
