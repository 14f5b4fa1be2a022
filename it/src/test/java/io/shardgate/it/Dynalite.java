package io.shardgate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (npm {@code dynalite@4.0.0}, MIT), an in-memory DynamoDB server in Node.js, run as a child process on
 * 127.0.0.1 so that the KCL has somewhere to keep its leases, coordinator state and worker metrics. DynamoDB Local is
 * not used (its licence). The package is looked up under the directory in the {@code shardgate.dynalite.dir} system
 * property (the it module's failsafe configuration sets it to {@code it/target/dynalite}, where {@code .ci/run}
 * installs it) and then at that well-known path; {@link #missing()} says why it cannot run, and {@link #start()} skips
 * the calling test with a JUnit assumption when {@code node} or the package is missing. Close it (try-with-resources or {@code @AfterAll}): the process and its
 * children are killed.
 */
final class Dynalite implements AutoCloseable {

    private static final String INSTALL = "npm install --prefix it/target/dynalite dynalite@4.0.0 (or run .ci/run)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Why dynalite cannot run here (node or the package is missing), or empty when it can. */
    static Optional<String> missing() {
        if (LocalPrograms.onPath("node").isEmpty()) {
            return Optional.of("node is not on the PATH, so dynalite (the KCL's DynamoDB) cannot run; " + INSTALL);
        }
        if (cli().isEmpty()) {
            return Optional.of("dynalite is not installed; " + INSTALL);
        }
        return Optional.empty();
    }

    /** Starts dynalite on a free port of 127.0.0.1, or skips the test (assumption) when node or dynalite is missing. */
    static Dynalite start() throws IOException, InterruptedException {
        Optional<String> missing = missing();
        assumeTrue(missing.isEmpty(), missing::get);
        Optional<Path> node = LocalPrograms.onPath("node");
        Optional<Path> cli = cli();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("dynalite", ".log");
            Process process = new ProcessBuilder(List.of(
                            node.get().toString(),
                            cli.get().toString(),
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port),
                            "--createTableMs",
                            "50",
                            "--deleteTableMs",
                            "50",
                            "--updateTableMs",
                            "50"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Dynalite dynalite = new Dynalite(process, port, log);
            // Should the test JVM be stopped before @AfterAll (Ctrl-C, a Failsafe timeout), the server goes with it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "dynalite-stop-" + port));
            try {
                dynalite.awaitListening();
                return dynalite;
            } catch (IOException e) {
                dynalite.close();
                last = e;
            }
        }
        throw last;
    }

    private static Optional<Path> cli() {
        String configured = System.getProperty("shardgate.dynalite.dir");
        for (String dir : new String[] {configured, "target/dynalite", "it/target/dynalite"}) {
            if (dir == null || dir.isBlank()) {
                continue;
            }
            Path cli = Path.of(dir, "node_modules", "dynalite", "cli.js");
            if (Files.isRegularFile(cli)) {
                return Optional.of(cli.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dynalite exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (Files.readString(log).contains("listening at")) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    return;
                } catch (IOException notYet) {
                    // fall through and wait
                }
            }
            Thread.sleep(50);
        }
        throw new IOException(
                "dynalite did not listen on port " + port + " within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    DynamoDbAsyncClient asyncClient() {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file
        }
    }

    @Override
    public String toString() {
        return "dynalite on " + endpoint();
    }
}
