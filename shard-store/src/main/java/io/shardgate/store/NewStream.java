package io.shardgate.store;

import java.util.List;
import java.util.Objects;

/** What {@link ShardStore#createStream} needs: shard {@code i} gets {@code shardRanges.get(i)}. */
public record NewStream(String name, StreamOrigin origin, StreamSettings settings, List<HashKeyRange> shardRanges) {

    /** The longest stream name the store keeps (Kafka topics allow 249 characters, Kinesis streams 128). */
    public static final int MAX_NAME_BYTES = 255;

    public NewStream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(settings, "settings");
        shardRanges = List.copyOf(shardRanges);
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("stream name must have 1 to " + MAX_NAME_BYTES + " bytes");
        }
        if (shardRanges.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one shard");
        }
    }

    /** A stream of {@code shards} shards with uniformly split hash-key ranges. */
    public static NewStream uniform(String name, StreamOrigin origin, StreamSettings settings, int shards) {
        return new NewStream(name, origin, settings, HashKeyRange.uniform(shards));
    }
}
