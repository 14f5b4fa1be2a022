package io.shardgate.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.gateway.admin.AdminEndpoints;
import io.shardgate.gateway.admin.AdminServer;
import io.shardgate.gateway.config.GatewayConfig;
import io.shardgate.gateway.metrics.GatewayMetrics;
import io.shardgate.gateway.net.EventLoops;
import io.shardgate.kafka.KafkaListener;
import io.shardgate.kafka.KafkaListenerConfig;
import io.shardgate.kafka.KafkaListeners;
import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kinesis.KinesisListener;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.limits.LimitsProfile;
import io.shardgate.store.limits.Ticker;
import io.shardgate.store.lmdb.LmdbShardStore;

/**
 * One running gateway: the store, the listeners and the metrics registry.
 *
 * <p>{@link #start} opens the store, then binds the listeners, and returns once they accept connections.
 * {@link #close()} is the graceful shutdown, in reverse order: stop accepting, close the listeners and their
 * connections, close the store (which completes the work already queued and syncs to disk), release the metrics.
 * It is idempotent and thread-safe; a concurrent caller waits until the first one finished.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final LmdbShardStore store;
    private final EventLoops eventLoops;
    private final KafkaListeners kafka;
    private final KinesisListener kinesis;
    private final AdminServer admin;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Gateway(
            GatewayConfig config,
            GatewayMetrics metrics,
            LmdbShardStore store,
            EventLoops eventLoops,
            KafkaListeners kafka,
            KinesisListener kinesis,
            AdminServer admin) {
        this.config = config;
        this.metrics = metrics;
        this.store = store;
        this.eventLoops = eventLoops;
        this.kafka = kafka;
        this.kinesis = kinesis;
        this.admin = admin;
    }

    /**
     * Starts a gateway. On failure, whatever was already opened is closed again before the exception propagates.
     *
     * @throws IOException if the store cannot be opened or a listener cannot bind
     */
    public static Gateway start(GatewayConfig config) throws IOException {
        long startNanos = System.nanoTime();
        GatewayMetrics metrics = GatewayMetrics.create();
        LmdbShardStore store = null;
        EventLoops eventLoops = null;
        KafkaListeners kafka = null;
        KinesisListener kinesis = null;
        try {
            store = LmdbShardStore.open(config.store(), metrics.storeListener(), Clock.systemUTC());
            metrics.storeListener().bindGauges(store);
            Limits limits = new Limits(
                    LimitsProfile.of(config.limits().defaultProfile()),
                    config.limits().shardQuota(),
                    Ticker.system());
            eventLoops = EventLoops.create(Math.max(1, Runtime.getRuntime().availableProcessors()));
            kafka = KafkaListeners.bind(
                    eventLoops::serverBootstrap,
                    kafkaSettings(config),
                    store,
                    ProducerIds.from(store),
                    config.store().dataDir(),
                    limits);
            kinesis = KinesisListener.bind(
                    eventLoops.serverBootstrap(),
                    config.kinesis(),
                    store,
                    IteratorKey.load(config.store().dataDir()),
                    Clock.systemUTC(),
                    limits);
            AdminServer admin = AdminServer.bind(config.admin(), eventLoops, new AdminEndpoints(store, metrics));
            Gateway gateway = new Gateway(config, metrics, store, eventLoops, kafka, kinesis, admin);
            for (KafkaListener listener : kafka.all()) {
                LOGGER.info(
                        "Kafka listener {} on {} (advertised as {}:{}, cluster id {})",
                        listener.name(),
                        hostPort(listener.address()),
                        listener.node().host(),
                        listener.node().port(),
                        listener.node().clusterId());
            }
            boolean tls = config.kinesis().tls().enabled();
            LOGGER.info(
                    "Kinesis listener on {}://{} ({}, region {}, account {}; request signatures are not verified: any"
                            + " credentials are accepted)",
                    tls ? "https" : "http",
                    hostPort(kinesis.address()),
                    tls ? "HTTP/2 and HTTP/1.1 by ALPN" : "HTTP/1.1 and h2c",
                    config.kinesis().region(),
                    config.kinesis().accountId());
            LOGGER.info("Admin listener on http://{}", hostPort(admin.address()));
            if (!limits.defaultProfile().equals(LimitsProfile.UNLIMITED)) {
                LOGGER.info(
                        "New streams get the {} limits profile (shard quota {})",
                        limits.defaultProfile(),
                        limits.shardQuota());
            }
            LOGGER.info(
                    "Shardgate started in {} ms (data in {})",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    config.store().dataDir().toAbsolutePath().normalize());
            return gateway;
        } catch (IOException | RuntimeException | Error e) {
            if (kinesis != null) {
                kinesis.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (eventLoops != null) {
                eventLoops.close();
            }
            if (store != null) {
                store.close();
            }
            metrics.close();
            throw e;
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** The store, for tests and in-process embedding. */
    public LmdbShardStore store() {
        return store;
    }

    /** The metrics registry. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The first Kafka listener's bound address. */
    public InetSocketAddress kafkaAddress() {
        return kafka.first().address();
    }

    /** The first Kafka listener's bound port (the actual one when port 0 was configured). */
    public int kafkaPort() {
        return kafkaAddress().getPort();
    }

    /** Every Kafka listener's bound address, by listener name, in the configured order. */
    public Map<String, InetSocketAddress> kafkaAddresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        kafka.all().forEach(listener -> addresses.put(listener.name(), listener.address()));
        return addresses;
    }

    /** The Kinesis listener's bound address. */
    public InetSocketAddress kinesisAddress() {
        return kinesis.address();
    }

    /** The Kinesis listener's bound port (the actual one when port 0 was configured). */
    public int kinesisPort() {
        return kinesis.address().getPort();
    }

    /** The admin listener's bound address. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The admin listener's bound port (the actual one when port 0 was configured). */
    public int adminPort() {
        return admin.address().getPort();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LOGGER.info("Shardgate stopping");
        try {
            closeStep("Kafka listener", kafka::close);
            closeStep("Kinesis listener", kinesis::close);
            closeStep("admin listener", admin::close);
            closeStep("event loops", eventLoops::close);
            closeStep("store", store::close);
            closeStep("metrics", metrics::close);
        } finally {
            closed.countDown();
        }
        LOGGER.info("Shardgate stopped");
    }

    /** The Kafka settings, with the cluster id derived from the data directory when none is configured. */
    private static KafkaListenerConfig kafkaSettings(GatewayConfig config) {
        KafkaListenerConfig kafka = config.kafka();
        return kafka.clusterId().isEmpty() ? kafka.withClusterId(derivedClusterId(config)) : kafka;
    }

    /**
     * A cluster id that stays the same for the same data directory: a name-based UUID of its absolute path, in
     * Kafka's base64 form.
     */
    static String derivedClusterId(GatewayConfig config) {
        String dataDir = config.store().dataDir().toAbsolutePath().normalize().toString();
        UUID id = UUID.nameUUIDFromBytes(("shardgate:" + dataDir).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes =
                ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static void closeStep(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOGGER.error("closing the {} failed", what, e);
        }
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
