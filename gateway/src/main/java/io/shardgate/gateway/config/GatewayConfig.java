package io.shardgate.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The whole gateway configuration: one component per top-level YAML section. The Kafka and Kinesis listener
 * sections join here as records of their own ({@code KafkaConfig kafka}, {@code KinesisConfig kinesis}) when those
 * listeners exist.
 *
 * @param store the LMDB shard store
 * @param admin the admin HTTP listener
 */
public record GatewayConfig(LmdbStoreConfig store, AdminConfig admin) {

    /** The default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public GatewayConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(admin, "admin");
    }

    /** Every default, in one place: {@link ConfigLoader} starts from this. */
    public static GatewayConfig defaults() {
        return new GatewayConfig(LmdbStoreConfig.defaults(DEFAULT_DATA_DIR), AdminConfig.defaults());
    }
}
