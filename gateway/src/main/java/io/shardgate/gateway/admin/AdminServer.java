package io.shardgate.gateway.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.shardgate.gateway.config.AdminConfig;
import io.shardgate.gateway.net.EventLoops;

/**
 * The bound admin listener. {@link #close()} stops accepting, closes open connections, then lets the admin executor
 * finish what it started.
 */
public final class AdminServer implements AutoCloseable {

    private final Channel serverChannel;
    private final ChannelGroup channels;
    private final ExecutorService executor;

    private AdminServer(Channel serverChannel, ChannelGroup channels, ExecutorService executor) {
        this.serverChannel = serverChannel;
        this.channels = channels;
        this.executor = executor;
    }

    /** Binds {@code config.host():config.port()} (port 0: a free port) and returns once bound. */
    public static AdminServer bind(AdminConfig config, EventLoops loops, AdminEndpoints endpoints) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("shardgate-admin", true));
        ChannelGroup channels = new DefaultChannelGroup("admin", GlobalEventExecutor.INSTANCE);
        ChannelFuture bound = loops.serverBootstrap()
                .childHandler(new AdminInitializer(endpoints, executor, channels))
                .bind(config.host(), config.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            executor.shutdown();
            Throwable cause = bound.cause();
            throw new IOException(
                    "cannot bind the admin listener to " + config.host() + ":" + config.port() + ": "
                            + cause.getMessage(),
                    cause);
        }
        return new AdminServer(bound.channel(), channels, executor);
    }

    /** The bound address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
