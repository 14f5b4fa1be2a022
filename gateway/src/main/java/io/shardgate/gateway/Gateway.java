package io.shardgate.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
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
    private final AdminServer admin;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Gateway(
            GatewayConfig config,
            GatewayMetrics metrics,
            LmdbShardStore store,
            EventLoops eventLoops,
            AdminServer admin) {
        this.config = config;
        this.metrics = metrics;
        this.store = store;
        this.eventLoops = eventLoops;
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
        try {
            store = LmdbShardStore.open(config.store(), metrics.storeListener(), Clock.systemUTC());
            metrics.storeListener().bindGauges(store);
            eventLoops = EventLoops.create(Math.max(1, Runtime.getRuntime().availableProcessors()));
            AdminServer admin = AdminServer.bind(config.admin(), eventLoops, new AdminEndpoints(store, metrics));
            Gateway gateway = new Gateway(config, metrics, store, eventLoops, admin);
            LOGGER.info("Admin listener on http://{}", hostPort(admin.address()));
            LOGGER.info(
                    "Shardgate started in {} ms (data in {})",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    config.store().dataDir().toAbsolutePath().normalize());
            return gateway;
        } catch (IOException | RuntimeException | Error e) {
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
            closeStep("admin listener", admin::close);
            closeStep("event loops", eventLoops::close);
            closeStep("store", store::close);
            closeStep("metrics", metrics::close);
        } finally {
            closed.countDown();
        }
        LOGGER.info("Shardgate stopped");
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
