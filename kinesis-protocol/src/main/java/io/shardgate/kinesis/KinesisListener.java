package io.shardgate.kinesis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.shardgate.kinesis.http.KinesisDispatcher;
import io.shardgate.kinesis.http.KinesisInitializer;
import io.shardgate.kinesis.http.KinesisTls;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.operation.Consumers;
import io.shardgate.kinesis.operation.KinesisOperations;
import io.shardgate.kinesis.operation.KinesisServices;
import io.shardgate.kinesis.operation.Resharding;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamStatus;
import io.shardgate.store.limits.Limits;

/**
 * One bound Kinesis listener. {@link #bind} returns once it accepts connections; {@link #close()} stops accepting and
 * closes every connection. Thread-safe.
 */
public final class KinesisListener implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(KinesisListener.class);

    private final Channel serverChannel;
    private final ChannelGroup channels;

    private KinesisListener(Channel serverChannel, ChannelGroup channels) {
        this.serverChannel = serverChannel;
        this.channels = channels;
    }

    /**
     * Binds a listener on the bootstrap's event loops. Streams a previous run left {@code CREATING} become
     * {@code ACTIVE}, streams it left {@code UPDATING}
     * (resharded already, see {@link Resharding}) become {@code ACTIVE} and streams it left {@code DELETING} are deleted (their timers died with it);
     * so do consumers it left {@code CREATING} (now {@code ACTIVE}) or {@code DELETING} (now gone).
     *
     * @param bootstrap a server bootstrap with its groups and channel type set; its child handler is set here
     * @param iteratorKey the 32-byte per-data-directory secret that seals shard iterators (D12)
     * @param limits the budget ledger shared with the Kafka listeners (D8)
     * @throws IOException if the address cannot be bound or the TLS key store cannot be used
     */
    public static KinesisListener bind(
            ServerBootstrap bootstrap,
            KinesisListenerConfig config,
            ShardStore store,
            byte[] iteratorKey,
            Clock clock,
            Limits limits)
            throws IOException {
        finishStatusChanges(store);
        KinesisServices services =
                new KinesisServices(store, new ShardIterators(iteratorKey, clock), clock, config, limits);
        ChannelGroup channels = new DefaultChannelGroup("kinesis", GlobalEventExecutor.INSTANCE);
        KinesisDispatcher dispatcher = new KinesisDispatcher(new KinesisOperations(services));
        ChannelFuture bound = bootstrap
                .childHandler(new KinesisInitializer(
                        dispatcher,
                        config.maxRequestBytes(),
                        channels,
                        config.tls().enabled() ? KinesisTls.serverContext(config.tls()) : null))
                .bind(config.host(), config.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException(
                    "cannot bind the Kinesis listener to " + config.host() + ":" + config.port() + ": "
                            + cause.getMessage(),
                    cause);
        }
        return new KinesisListener(bound.channel(), channels);
    }

    private static void finishStatusChanges(ShardStore store) {
        for (Stream stream : store.streams()) {
            if (Consumers.pending(stream)) {
                store.alterStream(stream.name(), Consumers::finished)
                        .whenComplete((done, failure) -> logFailure(stream, failure));
            }
            if (stream.origin() != StreamOrigin.KINESIS) {
                continue;
            }
            StreamStatus status = stream.settings().status();
            if (status == StreamStatus.CREATING) {
                store.alterStream(
                                stream.name(),
                                settings -> settings.status() == StreamStatus.CREATING
                                        ? settings.withStatus(StreamStatus.ACTIVE)
                                        : settings)
                        .whenComplete((done, failure) -> logFailure(stream, failure));
            } else if (status == StreamStatus.UPDATING) {
                store.alterStream(stream.name(), Resharding::released)
                        .whenComplete((done, failure) -> logFailure(stream, failure));
            } else if (status == StreamStatus.DELETING) {
                store.deleteStream(stream.name()).whenComplete((done, failure) -> logFailure(stream, failure));
            }
        }
    }

    private static void logFailure(Stream stream, Throwable failure) {
        if (failure != null) {
            LOGGER.warn("cannot finish the status change of stream {}", stream.name(), failure);
        }
    }

    /** The bound address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
    }
}
