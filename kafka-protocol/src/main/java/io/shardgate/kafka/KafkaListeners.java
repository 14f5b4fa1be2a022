package io.shardgate.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;

import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.pipeline.KafkaApis;
import io.shardgate.store.ShardStore;
import io.shardgate.store.limits.Limits;

/**
 * Every Kafka listener of the gateway, one per configured endpoint, sharing one API table and one group coordinator. {@link #bind} returns
 * once all accept connections (or closes those already bound and fails); {@link #close()} closes them all.
 */
public final class KafkaListeners implements AutoCloseable {

    private final List<KafkaListener> listeners;
    private final GroupCoordinator coordinator;

    private KafkaListeners(List<KafkaListener> listeners, GroupCoordinator coordinator) {
        this.listeners = List.copyOf(listeners);
        this.coordinator = coordinator;
    }

    /**
     * @param bootstraps a new server bootstrap on the gateway's event loops per call
     * @param logDir the store's data directory, reported by DescribeLogDirs
     * @param limits the budget ledger shared with the Kinesis listener (DESIGN.md D8)
     * @throws IOException if an endpoint cannot be bound
     */
    public static KafkaListeners bind(
            Supplier<ServerBootstrap> bootstraps,
            KafkaListenerConfig settings,
            ShardStore store,
            ProducerIds producerIds,
            Path logDir,
            Limits limits)
            throws IOException {
        GroupCoordinator coordinator = new GroupCoordinator(store, settings.groups());
        List<KafkaListener> bound = new ArrayList<>();
        try {
            coordinator.start();
            KafkaApis apis = new KafkaApis(store, producerIds, coordinator, logDir, settings, limits);
            for (KafkaEndpoint endpoint : settings.endpoints()) {
                bound.add(KafkaListener.bind(bootstraps.get(), endpoint, settings, apis));
            }
        } catch (IOException | RuntimeException e) {
            bound.forEach(KafkaListener::close);
            coordinator.close();
            throw e;
        }
        return new KafkaListeners(bound, coordinator);
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
        coordinator.close();
    }
}
