package io.shardgate.kafka.pipeline;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.codec.KafkaFrameDecoder;

/** Builds every Kafka connection's pipeline, in one place, with named handlers. */
public final class KafkaInitializer extends ChannelInitializer<SocketChannel> {

    private final KafkaApis apis;
    private final Function<InetSocketAddress, BrokerNode> node;
    private final int maxRequestBytes;
    private final long maxIdleMs;
    private final ChannelGroup channels;

    /**
     * @param node this broker as the listener advertises it given the listener's bound address
     * @param maxIdleMs a connection without reads or writes for this long is closed
     * @param channels where connections register so that closing the listener closes them
     */
    public KafkaInitializer(
            KafkaApis apis,
            Function<InetSocketAddress, BrokerNode> node,
            int maxRequestBytes,
            long maxIdleMs,
            ChannelGroup channels) {
        this.apis = apis;
        this.node = node;
        this.maxRequestBytes = maxRequestBytes;
        this.maxIdleMs = maxIdleMs;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, maxIdleMs, TimeUnit.MILLISECONDS))
                .addLast("frameDecoder", new KafkaFrameDecoder(maxRequestBytes))
                .addLast("requestHandler", new KafkaRequestHandler(apis, node.apply((InetSocketAddress)
                        channel.parent().localAddress())))
                .addLast("errorHandler", ConnectionErrorHandler.INSTANCE);
    }
}
