package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import io.shardgate.gateway.Gateway;

/**
 * The Kinesis listener with TLS: the SDK's async client over h2 negotiated by ALPN and assumed without it, and its
 * sync client over HTTP/1.1.
 */
class KinesisTlsIT {

    static final String PASSWORD = "changeit";

    @TempDir
    Path dataDir;

    @TempDir
    Path keys;

    @Test
    void shouldServeHttp2AndHttp1OverTlsWhenAKeyStoreIsConfigured() throws Exception {
        // Given a self-signed certificate for 127.0.0.1 and a gateway that speaks TLS with it
        Path keyStore = selfSigned(keys);
        Map<String, String> tls = Map.of(
                "kinesis.tls.keyStore",
                keyStore.toString(),
                "kinesis.tls.keyStorePassword",
                PASSWORD,
                "kinesis.statusDelayMs",
                "0",
                "kinesis.subscriptionLifetimeMs",
                "1000",
                "kinesis.subscriptionHoldMs",
                "0");
        TlsTrustManagersProvider trust = () -> trustManagers(keyStore);
        try (Gateway gateway = Gateway.start(ItGateways.config(dataDir, tls))) {
            URI endpoint = URI.create("https://127.0.0.1:" + gateway.kinesisPort());
            try (KinesisAsyncClient h2 = asyncClient(endpoint, trust, ProtocolNegotiation.ALPN);
                    KinesisAsyncClient assumedH2 = asyncClient(endpoint, trust, ProtocolNegotiation.ASSUME_PROTOCOL);
                    KinesisClient http1 = KinesisClient.builder()
                            .endpointOverride(endpoint)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(credentials())
                            .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(trust))
                            .build()) {

                // When a stream is created and written over h2, and read over HTTP/1.1
                h2.createStream(b -> b.streamName("secure").shardCount(1)).get(30, TimeUnit.SECONDS);
                h2.putRecord(b -> b.streamName("secure").partitionKey("k").data(SdkBytes.fromUtf8String("sealed")))
                        .get(30, TimeUnit.SECONDS);
                String iterator = http1.getShardIterator(b -> b.streamName("secure")
                                .shardId("shardId-000000000000")
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                List<Record> records =
                        http1.getRecords(b -> b.shardIterator(iterator)).records();

                // Then
                assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("sealed");

                // And a client that assumes h2 without ALPN (the SDK's default) is served too
                assertThat(assumedH2
                                .listStreams(b -> {})
                                .get(30, TimeUnit.SECONDS)
                                .streamNames())
                        .containsExactly("secure");

                // And SubscribeToShard streams its events over h2 negotiated by ALPN
                String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/secure";
                String consumerArn = h2.registerStreamConsumer(
                                b -> b.streamARN(streamArn).consumerName("tls"))
                        .get(30, TimeUnit.SECONDS)
                        .consumer()
                        .consumerARN();
                List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> subscription = h2.subscribeToShard(
                        b -> b.consumerARN(consumerArn)
                                .shardId("shardId-000000000000")
                                .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                        SubscribeToShardResponseHandler.builder()
                                .subscriber(event -> {
                                    if (event instanceof SubscribeToShardEvent recordsEvent) {
                                        events.add(recordsEvent);
                                    }
                                })
                                .build());
                subscription.get(30, TimeUnit.SECONDS);
                assertThat(events.stream().flatMap(event -> event.records().stream()))
                        .extracting(r -> r.data().asUtf8String())
                        .containsExactly("sealed");
            }
        }
    }

    private static KinesisAsyncClient asyncClient(
            URI endpoint, TlsTrustManagersProvider trust, ProtocolNegotiation negotiation) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .protocolNegotiation(negotiation)
                        .tlsTrustManagersProvider(trust))
                .build();
    }

    /** A PKCS12 key store in {@code keys} with a self-signed EC certificate for 127.0.0.1, password {@value PASSWORD}. */
    static Path selfSigned(Path keys) throws Exception {
        Path file = keys.resolve("kinesis.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "kinesis",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return file;
    }

    /** Trust managers that trust the certificate of a {@link #selfSigned(Path)} key store. */
    static javax.net.ssl.TrustManager[] trustManagers(Path keyStoreFile) {
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore);
            return factory.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }
}
