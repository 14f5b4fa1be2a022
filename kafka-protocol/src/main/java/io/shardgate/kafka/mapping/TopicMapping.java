package io.shardgate.kafka.mapping;

import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.common.Uuid;

import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/** Topic ⇄ stream, partition ⇄ shard, topic id ⇄ stream id (DESIGN.md D3). */
public final class TopicMapping {

    private TopicMapping() {}

    /** The Kafka topic id of a stream: its store id, bit for bit. */
    public static Uuid topicId(Stream stream) {
        UUID id = stream.id();
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** The stream a request names by topic id (when not zero) or else by name. */
    public static Optional<Stream> resolve(ShardStore store, String name, Uuid topicId) {
        if (topicId != null && !Uuid.ZERO_UUID.equals(topicId)) {
            UUID id = new UUID(topicId.getMostSignificantBits(), topicId.getLeastSignificantBits());
            return store.stream(id);
        }
        return name == null ? Optional.empty() : store.stream(name);
    }

    /** Whether the stream has that partition. */
    public static boolean hasPartition(Stream stream, int partition) {
        return partition >= 0 && partition < stream.shards().size();
    }

    /** The shard behind a partition. */
    public static ShardRef shard(Stream stream, int partition) {
        return new ShardRef(stream.name(), partition);
    }
}
