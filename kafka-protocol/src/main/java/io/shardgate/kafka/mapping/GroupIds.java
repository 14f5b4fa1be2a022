package io.shardgate.kafka.mapping;

import java.nio.charset.StandardCharsets;

import io.shardgate.store.ShardStore;

/** Kafka group ids ⇄ the store's group names (DESIGN.md D9). */
public final class GroupIds {
    private GroupIds() {}

    /**
     * Whether a group id can be used: Kafka refuses an empty one ({@code INVALID_GROUP_ID}), and the store keeps
     * group names up to {@link ShardStore#MAX_GROUP_BYTES} UTF-8 bytes, so longer ones get the same error.
     */
    public static boolean valid(String groupId) {
        return groupId != null
                && !groupId.isEmpty()
                && groupId.getBytes(StandardCharsets.UTF_8).length <= ShardStore.MAX_GROUP_BYTES;
    }
}
