package io.shardgate.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.pipeline.KafkaApis;
import io.shardgate.kafka.pipeline.KafkaInitializer;

/**
 * One bound Kafka listener. {@link #bind} returns once it accepts connections; {@link #close()} stops accepting and
 * closes every connection. Thread-safe.
 */
public final class KafkaListener implements AutoCloseable {

    private final String name;
    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final BrokerNode node;

    private KafkaListener(String name, Channel serverChannel, ChannelGroup channels, BrokerNode node) {
        this.name = name;
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.node = node;
    }

    /**
     * Binds one endpoint on the bootstrap's event loops.
     *
     * @param bootstrap a server bootstrap with its groups and channel type set; its child handler is set here
     * @param apis the API table, shared by every listener of the gateway
     * @throws IOException if the address cannot be bound
     */
    static KafkaListener bind(
            ServerBootstrap bootstrap, KafkaEndpoint endpoint, KafkaListenerConfig settings, KafkaApis apis)
            throws IOException {
        ChannelGroup channels = new DefaultChannelGroup("kafka-" + endpoint.name(), GlobalEventExecutor.INSTANCE);
        ChannelFuture bound = bootstrap
                .childHandler(new KafkaInitializer(
                        apis,
                        boundAddress -> advertised(endpoint, settings, boundAddress),
                        settings.maxRequestBytes(),
                        settings.connectionsMaxIdleMs(),
                        channels))
                .bind(endpoint.host(), endpoint.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException(
                    "cannot bind the Kafka listener " + endpoint.name() + " to " + endpoint.host() + ":"
                            + endpoint.port() + ": " + cause.getMessage(),
                    cause);
        }
        BrokerNode node = advertised(
                endpoint, settings, (InetSocketAddress) bound.channel().localAddress());
        return new KafkaListener(endpoint.name(), bound.channel(), channels, node);
    }

    /** The advertised host and port (else the bound port). */
    private static BrokerNode advertised(
            KafkaEndpoint endpoint, KafkaListenerConfig settings, InetSocketAddress bound) {
        int port = endpoint.advertisedPort() == 0 ? bound.getPort() : endpoint.advertisedPort();
        return new BrokerNode(settings.nodeId(), endpoint.advertisedHost(), port, settings.clusterId());
    }

    /** The listener name ({@code PLAINTEXT}, ...). */
    public String name() {
        return name;
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
