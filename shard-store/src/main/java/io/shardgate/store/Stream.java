package io.shardgate.store;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stream as last committed.
 *
 * @param name unique among live streams
 * @param origin the protocol that created it
 * @param id stable for the stream's life, never reused (a Kafka topic id)
 * @param createdAtMs creation time
 * @param settings the mutable settings
 * @param shards every shard ever created, by index
 */
public record Stream(
        String name, StreamOrigin origin, UUID id, long createdAtMs, StreamSettings settings, List<Shard> shards) {
    public Stream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        shards = List.copyOf(shards);
    }

    public Stream withSettings(StreamSettings newSettings) {
        return new Stream(name, origin, id, createdAtMs, newSettings, shards);
    }

    public Stream withShards(List<Shard> newShards) {
        return new Stream(name, origin, id, createdAtMs, settings, newShards);
    }

    public Shard shard(int index) {
        return shards.get(index);
    }

    public List<Shard> openShards() {
        return shards.stream().filter(Shard::isOpen).toList();
    }
}
