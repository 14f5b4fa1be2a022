package io.shardgate.gateway.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the command line asks for. */
public sealed interface Invocation permits Invocation.Help, Invocation.Start {

    /** Print the usage and exit 0. */
    record Help() implements Invocation {}

    /**
     * Start the gateway.
     *
     * @param configFile the YAML file given with {@code --config}, if any
     * @param overrides dotted configuration keys to values, in command-line order
     */
    record Start(Optional<Path> configFile, Map<String, String> overrides) implements Invocation {
        public Start {
            Objects.requireNonNull(configFile, "configFile");
            overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }
    }
}
