package io.shardgate.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

import io.shardgate.kafka.KafkaListenerConfig;
import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The whole gateway configuration: one component per top-level YAML section.
 *
 * @param store the LMDB shard store
 * @param kafka the Kafka listener
 * @param kinesis the Kinesis listener
 * @param admin the admin HTTP listener
 * @param limits the limits profiles shared by both protocols
 */
public record GatewayConfig(
        LmdbStoreConfig store,
        KafkaListenerConfig kafka,
        KinesisListenerConfig kinesis,
        AdminConfig admin,
        LimitsConfig limits) {

    /** The default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public GatewayConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(kinesis, "kinesis");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(limits, "limits");
    }

    /** Every default, in one place: {@link ConfigLoader} starts from this. */
    public static GatewayConfig defaults() {
        return new GatewayConfig(
                LmdbStoreConfig.defaults(DEFAULT_DATA_DIR),
                KafkaListenerConfig.defaults(),
                KinesisListenerConfig.defaults(),
                AdminConfig.defaults(),
                LimitsConfig.defaults());
    }
}
