package io.shardgate.kafka.mapping;

import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/** Topic ⇄ stream, partition ⇄ shard, topic id ⇄ stream id (DESIGN.md D3). */
public final class TopicMapping {

    /** Every partition's leader epoch: this node has led every partition since its creation. */
    public static final int LEADER_EPOCH = 0;

    private TopicMapping() {}

    /**
     * Kafka's check of a request's {@code current_leader_epoch}: none (negative) passes, an older one is fenced, a
     * newer one is unknown to this leader.
     */
    public static Errors checkLeaderEpoch(int currentLeaderEpoch) {
        if (currentLeaderEpoch < 0 || currentLeaderEpoch == LEADER_EPOCH) {
            return Errors.NONE;
        }
        return currentLeaderEpoch < LEADER_EPOCH ? Errors.FENCED_LEADER_EPOCH : Errors.UNKNOWN_LEADER_EPOCH;
    }

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
