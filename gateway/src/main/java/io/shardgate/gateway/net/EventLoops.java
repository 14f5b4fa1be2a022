package io.shardgate.gateway.net;

import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The accept and I/O event loop groups every listener binds on. {@link #close()} shuts both down gracefully: call
 * it after every listener stopped accepting and closed its connections, never from an event loop.
 */
public final class EventLoops implements AutoCloseable {

    private static final long QUIET_PERIOD_MS = 100;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;

    private EventLoops(EventLoopGroup acceptGroup, EventLoopGroup ioGroup) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
    }

    /** One accept thread and {@code ioThreads} I/O threads; threads start when first used. */
    public static EventLoops create(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1: " + ioThreads);
        }
        return new EventLoops(
                new MultiThreadIoEventLoopGroup(
                        1, new DefaultThreadFactory("shardgate-accept"), NioIoHandler.newFactory()),
                new MultiThreadIoEventLoopGroup(
                        ioThreads, new DefaultThreadFactory("shardgate-io"), NioIoHandler.newFactory()));
    }

    /** A server bootstrap on these loops, for one listener to complete and bind. */
    public ServerBootstrap serverBootstrap() {
        return new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    public void close() {
        var accept = acceptGroup.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        var io = ioGroup.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        accept.awaitUninterruptibly();
        io.awaitUninterruptibly();
    }
}
