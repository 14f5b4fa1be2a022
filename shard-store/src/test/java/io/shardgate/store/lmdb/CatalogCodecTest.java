package io.shardgate.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.shardgate.store.NewStream;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

class CatalogCodecTest {

    private static final Stream STREAM = new Stream(
            "orders",
            StreamOrigin.KAFKA,
            java.util.UUID.fromString("5b1f0c2e-3d4a-4f6b-8c9d-0e1f2a3b4c5d"),
            1_700_000_000_000L,
            new StreamSettings(
                    StreamStatus.ACTIVE,
                    86_400_000L,
                    4096,
                    "unlimited",
                    1_048_588,
                    TimestampType.LOG_APPEND_TIME,
                    Map.of("kafka.cleanup.policy", "compact")),
            java.util.stream.IntStream.range(0, 2)
                    .mapToObj(i -> new Shard(
                            i,
                            NewStream.uniform("orders", StreamOrigin.KAFKA, StreamSettings.defaults(), 2)
                                    .shardRanges()
                                    .get(i),
                            java.util.OptionalInt.empty(),
                            java.util.OptionalInt.empty(),
                            ShardState.OPEN,
                            1_700_000_000_000L,
                            java.util.OptionalLong.empty(),
                            java.util.OptionalLong.empty()))
                    .toList());

    @Test
    void shouldRoundTripEveryField() {
        CatalogCodec.Stored decoded = CatalogCodec.decode(CatalogCodec.encode(STREAM, new long[] {7, 8}));
        assertThat(decoded.stream()).isEqualTo(STREAM);
        assertThat(decoded.shardKeys()).containsExactly(7, 8);
    }

    @Test
    void shouldReadVersionOneEntriesAsHavingNoSizeLimit() {
        // Given the version 1 layout: the same bytes without the retention in bytes after the retention in ms
        byte[] current = CatalogCodec.encode(STREAM, new long[] {7, 8});
        int retentionBytesAt = 1 + 2 + "orders".getBytes(StandardCharsets.UTF_8).length + 1 + 16 + 8 + 1 + 8;
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.write(1);
        v1.write(current, 1, retentionBytesAt - 1);
        v1.write(current, retentionBytesAt + 8, current.length - retentionBytesAt - 8);

        Stream decoded = CatalogCodec.decode(v1.toByteArray()).stream();

        assertThat(decoded.settings().retentionBytes()).isEqualTo(-1);
        assertThat(decoded.settings().withRetentionBytes(4096)).isEqualTo(STREAM.settings());
        assertThat(decoded.shards()).isEqualTo(STREAM.shards());
    }
}
