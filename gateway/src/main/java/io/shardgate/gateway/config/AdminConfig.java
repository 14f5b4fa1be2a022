package io.shardgate.gateway.config;

import java.util.Objects;

/**
 * The admin HTTP listener (health, metrics). Every field is documented in {@code docs/configuration.md} under
 * {@code admin.}.
 *
 * @param host the address to bind
 * @param port the TCP port to bind; {@code 0} picks a free port
 */
public record AdminConfig(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public AdminConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
    }

    /** 127.0.0.1:8080. */
    public static AdminConfig defaults() {
        return new AdminConfig(DEFAULT_HOST, DEFAULT_PORT);
    }
}
