package io.shardgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintTheUsageAndExitZeroWhenHelpIsAsked() {
        // Given / When
        int status = run("--help");

        // Then
        assertThat(status).isEqualTo(Main.OK);
        assertThat(text(out)).startsWith("Usage: shardgate start").contains("store.durability");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void shouldExitTwoWithAClearMessageWhenAnArgumentIsBad() {
        // Given / When
        int status = run("start", "--admin.port");

        // Then
        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(text(err))
                .startsWith("shardgate: option --admin.port needs a value")
                .contains("Run 'shardgate --help' for usage.");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void shouldExitTwoNamingTheKeyWhenTheConfigurationIsInvalid() {
        // Given / When
        int status = run("start", "--store.durability=eventually");

        // Then
        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(text(err)).startsWith("shardgate: 'store.durability': 'eventually' is not one of: fsync, os");
    }

    @Test
    void shouldExitOneAndReleaseTheStoreWhenTheAdminPortIsTaken(@TempDir Path dataDir) throws IOException {
        // Given a port that is already bound
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

            // When
            int status = run(
                    "start",
                    "--data-dir",
                    dataDir.toString(),
                    "--kafka.listeners=PLAINTEXT://127.0.0.1:0",
                    "--kinesis.port=0",
                    "--admin.port=" + taken.getLocalPort());

            // Then the start failed, and what it had opened was closed again: no gateway thread is left
            assertThat(status).isEqualTo(Main.FAILED);
            assertThat(liveGatewayThreads()).isEmpty();
            try (LmdbShardStore store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir))) {
                assertThat(store.streams()).isEmpty();
            }
        }
    }

    /** Threads of the store and the event loops ({@code shardgate-...}), waiting up to 5 s for them to end. */
    private static List<String> liveGatewayThreads() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> live;
        do {
            live = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("shardgate-"))
                    .toList();
            if (live.isEmpty()) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        } while (System.nanoTime() < deadline);
        return live;
    }

    private int run(String... args) {
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
