package io.shardgate.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.gateway.cli.CommandLine;
import io.shardgate.gateway.cli.Invocation;
import io.shardgate.gateway.cli.UsageException;
import io.shardgate.gateway.config.ConfigException;
import io.shardgate.gateway.config.ConfigLoader;
import io.shardgate.gateway.config.GatewayConfig;

/**
 * {@code shardgate start [options]}: loads the configuration, starts the {@link Gateway} and runs until the JVM is
 * asked to stop (Ctrl-C, SIGTERM), when a shutdown hook closes the gateway gracefully.
 *
 * <p>Exit status: 0 after a clean shutdown or {@code --help}, 1 if the gateway failed to start, 2 for a bad command
 * line or configuration.
 */
public final class Main {
    private static final Logger LOGGER = LoggerFactory.getLogger(Main.class);

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs the command line; for {@code start}, returns only after the gateway was closed. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Invocation invocation;
        GatewayConfig config;
        try {
            invocation = CommandLine.parse(List.of(args));
            if (invocation instanceof Invocation.Help) {
                out.print(CommandLine.usage());
                return OK;
            }
            Invocation.Start start = (Invocation.Start) invocation;
            config = ConfigLoader.load(start.configFile(), start.overrides());
        } catch (UsageException | ConfigException e) {
            err.println("shardgate: " + e.getMessage());
            err.println("Run 'shardgate --help' for usage.");
            return USAGE;
        }
        LOGGER.info("Configuration: {}", ConfigLoader.flatten(ConfigLoader.toTree(config)));
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Shardgate failed to start: {}", e.getMessage(), e);
            return FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "shardgate-shutdown"));
        try {
            gateway.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
        }
        return OK;
    }
}
