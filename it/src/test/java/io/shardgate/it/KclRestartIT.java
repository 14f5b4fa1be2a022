package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.KinesisClientUtil;

import io.shardgate.gateway.Gateway;

/**
 * A running KCL 3.x application across a restart of the gateway: the gateway stops while the application consumes
 * (polling, or enhanced fan-out over HTTP/2), starts again on the same port and data directory, and the application
 * carries on by itself. Every record acknowledged before and after the restart is delivered once, in order per key,
 * and checkpointed: the store keeps what it acknowledged, and shard iterators and subscription continuations taken
 * before the restart are still good after it (the iterator key is kept in the data directory). Dynalite holds the
 * lease table, as in {@link KclIT}; skipped without node or dynalite.
 */
class KclRestartIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    private static Kcl.Backing backing;
    private static String skipped;

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private KinesisAsyncClient kinesis;

    @BeforeAll
    static void startDynalite() throws Exception {
        skipped = Dynalite.missing().orElse(null);
        if (skipped != null) {
            return;
        }
        backing = Kcl.Backing.start();
    }

    @BeforeEach
    void requireDynalite() {
        assumeTrue(skipped == null, () -> skipped);
    }

    @AfterEach
    void stopGateway() {
        ItResources.closeAll("KclRestartIT", kinesis, gateway);
    }

    @AfterAll
    static void stopDynalite() {
        ItResources.closeAll("KclRestartIT", backing);
    }

    @ParameterizedTest(name = "fan-out: {0}")
    @ValueSource(booleans = {false, true})
    void shouldDeliverEveryRecordOnceWhenTheGatewayRestartsUnderARunningApplication(boolean fanOut) throws Exception {
        // Given a gateway on a fixed port and a stream of two shards with records
        int port = freePort();
        gateway = start(port);
        kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS));
        String stream = "restart";
        ItStreams.createActive(kinesis, stream, 2);
        Map<String, List<String>> sent = new TreeMap<>();
        putRecords(stream, "before", 10, 5, sent);
        String application = fanOut ? "restart-fanout" : "restart-polling";

        Kcl.Recorder recorder = new Kcl.Recorder();
        try (Kcl.Application app =
                Kcl.Application.start(backing.clients(kinesis), stream, application, recorder, fanOut)) {
            recorder.awaitCount(count(sent));

            // When the gateway stops under the running application and starts again on the same data and port
            gateway.close();
            Thread.sleep(2_000);
            gateway = start(port);
            // And more records are put after the restart
            putRecords(stream, "after", 10, 5, sent);

            // Then the application delivers them too, without being restarted itself
            recorder.awaitCount(count(sent));
            Thread.sleep(1_000); // a record delivered twice would show up here
        }

        // And every record was delivered once, in order per key, and the checkpoints are the last ones delivered
        recorder.assertNoErrors();
        assertThat(recorder.dataByKey()).isEqualTo(sent);
        recorder.assertSequenceNumbersIncreasePerShard();
        Map<String, String> checkpoints = Kcl.checkpoints(backing.dynamoReader(), application);
        assertThat(checkpoints).hasSize(2);
        assertThat(checkpoints).isEqualTo(recorder.lastSequenceNumberPerShard(checkpoints.keySet()));
    }

    private Gateway start(int port) throws Exception {
        return Gateway.start(ItGateways.config(
                dataDir,
                Map.of(
                        "kinesis.port", Integer.toString(port),
                        "kinesis.statusDelayMs", "0",
                        "kinesis.subscriptionLifetimeMs", "3000")));
    }

    private void putRecords(String stream, String prefix, int keys, int perKey, Map<String, List<String>> sent)
            throws Exception {
        Kcl.putRecords(kinesis, stream, prefix, keys, perKey, sent);
    }

    private static int count(Map<String, List<String>> sent) {
        return sent.values().stream().mapToInt(List::size).sum();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
