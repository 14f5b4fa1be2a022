package io.shardgate.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.pipeline.KafkaApis;
import io.shardgate.kafka.pipeline.KafkaInitializer;
import io.shardgate.store.ShardStore;

/**
 * One bound Kafka listener. {@link #bind} returns once it accepts connections; {@link #close()} stops accepting and
 * closes every connection. Thread-safe.
 */
public final class KafkaListener implements AutoCloseable {

    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final BrokerNode node;

    private KafkaListener(Channel serverChannel, ChannelGroup channels, BrokerNode node) {
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.node = node;
    }

    /**
     * Binds a listener on the bootstrap's event loops.
     *
     * @param bootstrap a server bootstrap with its groups and channel type set; its child handler is set here
     * @param producerIds shared by every listener of the gateway
     * @throws IOException if the address cannot be bound
     */
    public static KafkaListener bind(
            ServerBootstrap bootstrap,
            KafkaListenerConfig settings,
            ShardStore store,
            ProducerIds producerIds,
            Path logDir)
            throws IOException {
        ChannelGroup channels = new DefaultChannelGroup("kafka", GlobalEventExecutor.INSTANCE);
        KafkaApis apis = new KafkaApis(store, producerIds, logDir);
        ChannelFuture bound = bootstrap
                .childHandler(new KafkaInitializer(
                        apis, boundAddress -> advertised(settings, boundAddress), settings.maxRequestBytes(), channels))
                .bind(settings.host(), settings.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException(
                    "cannot bind the Kafka listener to " + settings.host() + ":" + settings.port() + ": "
                            + cause.getMessage(),
                    cause);
        }
        BrokerNode node =
                advertised(settings, (InetSocketAddress) bound.channel().localAddress());
        return new KafkaListener(bound.channel(), channels, node);
    }

    /** The advertised host (else the bound host) and port (else the bound port). */
    private static BrokerNode advertised(KafkaListenerConfig settings, InetSocketAddress bound) {
        String host = settings.advertisedHost().isBlank() ? settings.host() : settings.advertisedHost();
        int port = settings.advertisedPort() == 0 ? bound.getPort() : settings.advertisedPort();
        return new BrokerNode(settings.nodeId(), host, port, settings.clusterId());
    }

    /** The bound address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** This broker as the listener advertises it. */
    public BrokerNode node() {
        return node;
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
    }
}
