package io.shardgate.it.reference;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.FaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.FaultHandlerFactory;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import scala.Tuple2;

/**
 * A single-node Apache Kafka broker, from Kafka's own server jars, for tests that compare the gateway with
 * the real thing.
 *
 * <p>One process in KRaft combined mode ({@code process.roles=broker,controller}, node id 1), formatted
 * into a directory the caller owns (a JUnit {@code @TempDir}) and started inside the test JVM. Both
 * listeners bind to 127.0.0.1 on free ports: the sockets are bound here, on port 0, before the broker
 * starts and handed to it through Kafka's {@link ServerSocketFactory} hook, so there is no race for the
 * port between picking it and using it (the same technique as Kafka's own {@code KafkaClusterTestKit},
 * whose pre-bound sockets are on the wildcard address, hence not used directly).
 *
 * <p>The wiring is what {@code KafkaRaftServer} does, minus what a test does not want: fault handlers log
 * and record instead of halting the JVM, and the internal topics take replication factor 1. Startup takes
 * a few seconds: {@link #start} returns once the broker is registered and unfenced.
 *
 * <p>Not thread-safe; one instance per test class or test.
 */
public final class KafkaReferenceBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReferenceBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";

    private final SharedServer shared;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private final LoopbackSockets sockets;
    private final RecordingFaults faults;
    private final String bootstrapServers;

    private KafkaReferenceBroker(
            SharedServer shared,
            ControllerServer controller,
            BrokerServer broker,
            LoopbackSockets sockets,
            RecordingFaults faults) {
        this.shared = shared;
        this.controller = controller;
        this.broker = broker;
        this.sockets = sockets;
        this.faults = faults;
        this.bootstrapServers = HOST + ":" + broker.boundPort(ListenerName.normalised(BROKER_LISTENER));
    }

    /** Starts a broker with Kafka's defaults plus the test-friendly settings listed in {@link #config}. */
    public static KafkaReferenceBroker start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /**
     * Formats {@code dir} and starts a broker in it.
     *
     * @param dir an empty directory owned by the caller; the broker's log and metadata directories go in it
     * @param overrides broker configs applied last, e.g. {@code auto.create.topics.enable=false}
     */
    public static KafkaReferenceBroker start(Path dir, Map<String, String> overrides) throws Exception {
        long startNanos = System.nanoTime();
        LoopbackSockets sockets = new LoopbackSockets();
        try {
            int brokerPort = sockets.bind(BROKER_LISTENER);
            int controllerPort = sockets.bind(CONTROLLER_LISTENER);
            Path logDir = Files.createDirectories(dir.resolve("data"));
            Path metadataDir = Files.createDirectories(dir.resolve("metadata"));
            KafkaConfig config =
                    new KafkaConfig(config(brokerPort, controllerPort, logDir, metadataDir, overrides), false);

            format(config, logDir, metadataDir);
            Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
                    KafkaRaftServer.initializeLogDirs(config, LOG, "[reference broker] ");

            RecordingFaults faults = new RecordingFaults();
            SharedServer shared = new SharedServer(
                    config,
                    dirs._1(),
                    Time.SYSTEM,
                    new Metrics(),
                    CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(
                            config.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                    faults,
                    sockets);
            ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
            BrokerServer broker = new BrokerServer(shared);
            // Controller first, as KafkaRaftServer does: the broker registers with it while starting up.
            controller.startup();
            try {
                broker.startup();
            } catch (RuntimeException e) {
                broker.shutdown();
                controller.shutdown();
                throw e;
            }
            KafkaReferenceBroker started = new KafkaReferenceBroker(shared, controller, broker, sockets, faults);
            LOG.info(
                    "Apache Kafka {} reference broker started in {} ms on {} (data in {})",
                    AppInfoParser.getVersion(),
                    (System.nanoTime() - startNanos) / 1_000_000,
                    started.bootstrapServers,
                    dir);
            return started;
        } catch (Exception | Error e) {
            sockets.close();
            throw e;
        }
    }

    /** {@code host:port} of the broker's PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's node id (also the controller's: combined mode). */
    public int nodeId() {
        return NODE_ID;
    }

    /** Faults the broker or controller reported so far (empty while healthy). */
    public List<String> faults() {
        return List.copyOf(faults.messages);
    }

    @Override
    public void close() {
        try {
            broker.shutdown();
            broker.awaitShutdown();
        } finally {
            try {
                controller.shutdown();
                controller.awaitShutdown();
            } finally {
                sockets.close();
            }
        }
        LOG.debug("reference broker {} (cluster {}) stopped", bootstrapServers, shared.clusterId());
    }

    private static Map<String, Object> config(
            int brokerPort, int controllerPort, Path logDir, Path metadataDir, Map<String, String> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", metadataDir.toString());
        // One node: internal topics cannot have more replicas than that.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Small and quick: few threads, a small cleaner buffer, a fast controlled shutdown.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("controlled.shutdown.enable", "false");
        props.put("server.max.startup.time.ms", "60000");
        props.putAll(overrides);
        return props;
    }

    private static void format(KafkaConfig config, Path logDir, Path metadataDir) throws Exception {
        Formatter formatter = new Formatter()
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString(), metadataDir.toString()))
                .setMetadataLogDirectory(metadataDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setIgnoreFormatted(false)
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        formatter.run();
        LOG.debug("formatted {} for node {}", config.logDirs(), NODE_ID);
    }

    /** Hands the broker sockets already bound to 127.0.0.1, one per listener name. */
    private static final class LoopbackSockets implements ServerSocketFactory {
        private final Map<String, ServerSocketChannel> unused = new HashMap<>();
        private final List<ServerSocketChannel> all = new ArrayList<>();

        synchronized int bind(String listener) throws IOException {
            // Kafka's own factory: a non-blocking channel, as the broker's acceptor needs, bound here to port 0.
            ServerSocketChannel channel =
                    ServerSocketFactory.INSTANCE.openServerSocket(listener, new InetSocketAddress(HOST, 0), -1, -1);
            all.add(channel);
            unused.put(listener, channel);
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public synchronized ServerSocketChannel openServerSocket(
                String listenerName, InetSocketAddress address, int backlog, int receiveBuffer) throws IOException {
            ServerSocketChannel channel = unused.remove(listenerName);
            if (channel == null) {
                throw new IOException("no pre-bound loopback socket for listener " + listenerName);
            }
            return channel;
        }

        synchronized void close() {
            for (ServerSocketChannel channel : all) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("closing {}", channel, e);
                }
            }
        }
    }

    /** Logs and records faults instead of halting the JVM as the production fault handlers do. */
    private static final class RecordingFaults implements FaultHandlerFactory {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public FaultHandler build(String name, boolean fatal, Runnable action) {
            return (message, cause) -> {
                messages.add(name + ": " + message);
                LOG.error("reference broker {} fault ({}): {}", fatal ? "fatal" : "non-fatal", name, message, cause);
                return new RuntimeException(message, cause);
            };
        }
    }
}
