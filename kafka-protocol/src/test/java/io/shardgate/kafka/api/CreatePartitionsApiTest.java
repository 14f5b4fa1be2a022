package io.shardgate.kafka.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;

class CreatePartitionsApiTest {

    @Test
    void shouldOpenNewShardsAndReRangeEveryPartitionUniformly() {
        // Given a two-partition topic
        List<HashKeyRange> two = HashKeyRange.uniform(2);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            shards.add(new Shard(
                    i,
                    two.get(i),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    ShardState.OPEN,
                    0,
                    OptionalLong.empty(),
                    OptionalLong.empty()));
        }
        Stream stream = new Stream("t", StreamOrigin.KAFKA, UUID.randomUUID(), 0, StreamSettings.defaults(), shards);

        // When it grows to five
        ShardChange change = CreatePartitionsApi.change(stream, 5);

        // Then three root shards open and all five ranges tile the space uniformly
        List<HashKeyRange> five = HashKeyRange.uniform(5);
        assertThat(change.close()).isEmpty();
        assertThat(change.open()).extracting(NewShard::range).containsExactlyElementsOf(five.subList(2, 5));
        assertThat(change.ranges()).isEqualTo(Map.of(0, five.get(0), 1, five.get(1)));
        List<HashKeyRange> all = new ArrayList<>(change.ranges().values());
        change.open().forEach(shard -> all.add(shard.range()));
        assertThat(HashKeyRange.tiles(all)).isTrue();
    }
}
