package io.shardgate.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;

import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.pipeline.KafkaApis;
import io.shardgate.store.ShardStore;

/**
 * Every Kafka listener of the gateway, one per configured endpoint, sharing one API table. {@link #bind} returns
 * once all accept connections (or closes those already bound and fails); {@link #close()} closes them all.
 */
public final class KafkaListeners implements AutoCloseable {

    private final List<KafkaListener> listeners;

    private KafkaListeners(List<KafkaListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * @param bootstraps a new server bootstrap on the gateway's event loops per call
     * @param logDir the store's data directory, reported by DescribeLogDirs
     * @throws IOException if an endpoint cannot be bound
     */
    public static KafkaListeners bind(
            Supplier<ServerBootstrap> bootstraps,
            KafkaListenerConfig settings,
            ShardStore store,
            ProducerIds producerIds,
            Path logDir)
            throws IOException {
        KafkaApis apis = new KafkaApis(store, producerIds, logDir, settings);
        List<KafkaListener> bound = new ArrayList<>();
        try {
            for (KafkaEndpoint endpoint : settings.endpoints()) {
                bound.add(KafkaListener.bind(bootstraps.get(), endpoint, settings, apis));
            }
        } catch (IOException | RuntimeException e) {
            bound.forEach(KafkaListener::close);
            throw e;
        }
        return new KafkaListeners(bound);
    }

    /** The listeners, in the configured order. */
    public List<KafkaListener> all() {
        return listeners;
    }

    /** The first configured listener. */
    public KafkaListener first() {
        return listeners.get(0);
    }

    @Override
    public void close() {
        listeners.forEach(KafkaListener::close);
    }
}
