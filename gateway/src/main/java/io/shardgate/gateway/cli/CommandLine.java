package io.shardgate.gateway.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.shardgate.gateway.config.ConfigLoader;

/**
 * Parses {@code start [--config FILE] [--data-dir DIR] [--<dotted.key>=VALUE | --<dotted.key> VALUE ...]}.
 *
 * <p>Every configuration key is an option ({@code --store.durability=fsync}); {@code --data-dir} is an alias of
 * {@code --store.dataDir}. When a key is given twice, the later value wins. Whether a key exists and whether its
 * value is valid is decided by {@link ConfigLoader}, the one place that knows the keys.
 */
public final class CommandLine {

    public static final String START = "start";
    public static final String CONFIG = "--config";
    public static final String DATA_DIR = "--data-dir";
    public static final String DATA_DIR_KEY = "store.dataDir";

    private static final Pattern DOTTED_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+");

    private CommandLine() {}

    public static Invocation parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        if (isHelp(command) || command.equals("help")) {
            return new Invocation.Help();
        }
        if (!command.equals(START)) {
            throw new UsageException("unknown command '" + command + "' (the command is '" + START + "')");
        }
        Optional<Path> configFile = Optional.empty();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (isHelp(arg)) {
                return new Invocation.Help();
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(
                        "option " + option + " needs a value (" + option + "=VALUE or " + option + " VALUE)");
            }
            if (option.equals(CONFIG)) {
                if (configFile.isPresent()) {
                    throw new UsageException("option " + CONFIG + " given twice");
                }
                configFile = Optional.of(path(option, value));
            } else if (option.equals(DATA_DIR)) {
                path(option, value);
                put(overrides, DATA_DIR_KEY, value);
            } else if (DOTTED_KEY.matcher(option.substring(2)).matches()) {
                put(overrides, option.substring(2), value);
            } else {
                throw new UsageException("unknown option " + option);
            }
        }
        return new Invocation.Start(configFile, overrides);
    }

    /** The usage text, listing every configuration key with its default. */
    public static String usage() {
        StringBuilder usage = new StringBuilder();
        usage.append("""
                Usage: shardgate start [--config FILE] [--data-dir DIR] [--KEY=VALUE | --KEY VALUE ...]
                       shardgate --help

                Starts the Shardgate gateway: one LMDB shard store served through the Kafka protocol and
                the Kinesis API, with an admin HTTP listener (/health, /metrics).

                Options:
                  --config FILE     YAML configuration file; command-line keys override it
                  --data-dir DIR    the data directory (alias of --store.dataDir)
                  --KEY=VALUE       sets any configuration key, e.g. --store.durability=fsync, --admin.port=0
                  --help            prints this text

                Configuration keys (default):
                """);
        Map<String, String> defaults = ConfigLoader.flatten(ConfigLoader.defaultsTree());
        int width = defaults.keySet().stream().mapToInt(String::length).max().orElse(0);
        defaults.forEach((key, value) -> usage.append("  ")
                .append(String.format("%-" + width + "s", key))
                .append("  ")
                .append(value)
                .append('\n'));
        usage.append("""

                Every key is described in docs/configuration.md. Exit status: 0 after a clean shutdown,
                1 if the gateway failed to start, 2 for a bad command line or configuration.
                """);
        return usage.toString();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static Path path(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a non-empty path");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("option " + option + ": '" + value + "' is not a valid path: " + e.getReason());
        }
    }

    private static void put(Map<String, String> overrides, String key, String value) {
        overrides.remove(key);
        overrides.put(key, value);
    }
}
