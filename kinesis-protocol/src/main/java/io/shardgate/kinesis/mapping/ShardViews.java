package io.shardgate.kinesis.mapping;

import java.util.ArrayList;
import java.util.List;

import io.shardgate.kinesis.model.ChildShard;
import io.shardgate.kinesis.model.HashKeyRange;
import io.shardgate.kinesis.model.SequenceNumberRange;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;

/** Store shards as Kinesis shows them (D3): ids, hash-key ranges, sequence-number ranges, lineage. */
public final class ShardViews {

    private ShardViews() {}

    /** A shard as DescribeStream and ListShards show it. */
    public static io.shardgate.kinesis.model.Shard view(Shard shard) {
        return new io.shardgate.kinesis.model.Shard(
                SequenceNumbers.shardId(shard.index()),
                shard.parent().isPresent()
                        ? SequenceNumbers.shardId(shard.parent().getAsInt())
                        : null,
                shard.adjacentParent().isPresent()
                        ? SequenceNumbers.shardId(shard.adjacentParent().getAsInt())
                        : null,
                range(shard),
                new SequenceNumberRange(
                        SequenceNumbers.encode(shard, 0),
                        shard.endOffset().isPresent()
                                ? SequenceNumbers.encode(
                                        shard, Math.max(0, shard.endOffset().getAsLong() - 1))
                                : null));
    }

    public static HashKeyRange range(Shard shard) {
        return new HashKeyRange(
                shard.range().start().toString(), shard.range().end().toString());
    }

    /** Shards Kinesis still lists: every shard but the expired ones (D3). */
    public static List<Shard> listed(Stream stream) {
        return stream.shards().stream()
                .filter(shard -> shard.state() != ShardState.EXPIRED)
                .toList();
    }

    /** The shards created from {@code parent}, as GetRecords reports them at its end. */
    public static List<ChildShard> children(Stream stream, Shard parent) {
        List<ChildShard> children = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            boolean child = (shard.parent().isPresent() && shard.parent().getAsInt() == parent.index())
                    || (shard.adjacentParent().isPresent()
                            && shard.adjacentParent().getAsInt() == parent.index());
            if (child) {
                List<String> parents = new ArrayList<>();
                shard.parent().ifPresent(index -> parents.add(SequenceNumbers.shardId(index)));
                shard.adjacentParent().ifPresent(index -> parents.add(SequenceNumbers.shardId(index)));
                children.add(new ChildShard(SequenceNumbers.shardId(shard.index()), parents, range(shard)));
            }
        }
        return children;
    }

    /**
     * The shard index a shard id names: {@code shardId-000000000001}, and as AWS also takes them
     * {@code shardId-1} and {@code 1}; -1 if it names none.
     */
    public static int index(String shardId) {
        if (shardId == null) {
            return -1;
        }
        String digits = shardId.startsWith("shardId-") ? shardId.substring(8) : shardId;
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long index = Long.parseLong(digits);
        return index > Integer.MAX_VALUE ? -1 : (int) index;
    }
}
