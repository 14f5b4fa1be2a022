package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.shardgate.store.HashKeyRange;
import io.shardgate.store.InvalidStreamChangeException;
import io.shardgate.store.NewShard;
import io.shardgate.store.NewStream;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamExistsException;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.UnknownShardException;

/** The catalog changes, each one write operation. */
final class CatalogOps {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CatalogOps() {}

    /** The indexes of the shards that name {@code index} as a parent. */
    static List<Integer> children(Stream stream, int index) {
        List<Integer> children = new ArrayList<>();
        for (Shard shard : stream.shards()) {
            if (shard.parent().equals(OptionalInt.of(index))
                    || shard.adjacentParent().equals(OptionalInt.of(index))) {
                children.add(shard.index());
            }
        }
        return children;
    }

    /** A random id whose URL-safe base64 form does not start with '-', as Kafka's topic ids. */
    static UUID newStreamId() {
        while (true) {
            UUID id = new UUID(RANDOM.nextLong(), RANDOM.nextLong());
            boolean dashFirst = (id.getMostSignificantBits() >>> 58) == 62;
            if (!dashFirst && id.getMostSignificantBits() != 0) {
                return id;
            }
        }
    }

    static void writeStream(WriteTxn tx, Stream stream, long[] keys) {
        ByteBuffer name = Keys.utf8(stream.name());
        tx.db.streams.put(tx.txn, name, Keys.direct(CatalogCodec.encode(stream, keys)));
    }

    static final class Create extends WriteOp<Stream> {
        private final NewStream spec;

        Create(NewStream spec) {
            this.spec = spec;
        }

        @Override
        Stream apply(WriteTxn tx) {
            if (tx.catalog.get(spec.name()) != null) {
                throw new StreamExistsException("Stream " + spec.name() + " already exists");
            }
            if (!HashKeyRange.tiles(spec.shardRanges())) {
                throw new InvalidStreamChangeException(
                        "the shards' hash-key ranges must cover [0, 2^128 - 1] without gap or overlap");
            }
            int count = spec.shardRanges().size();
            List<Shard> shards = new ArrayList<>(count);
            long[] keys = new long[count];
            ShardLog[] logs = new ShardLog[count];
            for (int i = 0; i < count; i++) {
                shards.add(openShard(i, spec.shardRanges().get(i), OptionalInt.empty(), OptionalInt.empty(), tx));
                keys[i] = tx.nextShardKey++;
                logs[i] = new ShardLog(keys[i], 0, 0, -1);
                tx.pending(logs[i]);
            }
            Stream stream = new Stream(spec.name(), spec.origin(), newStreamId(), tx.nowMs, spec.settings(), shards);
            writeStream(tx, stream, keys);
            tx.writeNextShardKey();
            tx.catalog = tx.catalog.with(new StreamEntry(stream, keys, logs));
            return stream;
        }
    }

    /** A durable sequence in the {@code meta} database, under {@code "seq/" + name}. */
    static final class ReserveIds extends WriteOp<Long> {
        private final String sequence;
        private final int count;

        ReserveIds(String sequence, int count) {
            this.sequence = sequence;
            this.count = count;
        }

        @Override
        Long apply(WriteTxn tx) {
            ByteBuffer key = Keys.utf8("seq/" + sequence);
            ByteBuffer stored = tx.db.meta.get(tx.txn, key);
            long first = stored == null ? 0 : stored.getLong(stored.position());
            tx.db.meta.put(tx.txn, key, tx.value(first + count));
            return first;
        }
    }

    static final class Alter extends WriteOp<Stream> {
        private final String name;
        private final UnaryOperator<StreamSettings> change;

        Alter(String name, UnaryOperator<StreamSettings> change) {
            this.name = name;
            this.change = change;
        }

        @Override
        Stream apply(WriteTxn tx) {
            StreamEntry entry = tx.stream(name);
            Stream old = entry.stream();
            StreamSettings settings = change.apply(old.settings());
            if (settings == null) {
                throw new InvalidStreamChangeException("the settings change returned nothing");
            }
            Stream stream = old.withSettings(settings);
            writeStream(tx, stream, entry.shardKeys());
            tx.catalog = tx.catalog.with(new StreamEntry(stream, entry.shardKeys(), entry.logs()));
            return stream;
        }
    }

    static final class Delete extends WriteOp<Void> {
        private final String name;

        Delete(String name) {
            this.name = name;
        }

        @Override
        Void apply(WriteTxn tx) {
            StreamEntry entry = tx.stream(name);
            tx.db.streams.delete(tx.txn, Keys.utf8(name));
            tx.catalog = tx.catalog.without(name);
            tx.closedLogs.addAll(Arrays.asList(entry.logs()));
            for (long key : entry.shardKeys()) {
                tx.followUps.add(new DeletionOps.Purge(key));
            }
            return null;
        }
    }

    static final class Reshard extends WriteOp<Stream> {
        private final String name;
        private final ShardChange change;

        Reshard(String name, ShardChange change) {
            this.name = name;
            this.change = change;
        }

        @Override
        Stream apply(WriteTxn tx) {
            StreamEntry entry = tx.stream(name);
            Stream old = entry.stream();
            List<Shard> shards = new ArrayList<>(old.shards());
            int existing = shards.size();
            for (int index : change.close()) {
                requireOpen(old, index, "close");
            }
            for (Map.Entry<Integer, HashKeyRange> range : change.ranges().entrySet()) {
                requireOpen(old, range.getKey(), "give a new range to");
                if (change.close().contains(range.getKey())) {
                    throw new InvalidStreamChangeException(
                            "shard " + range.getKey() + " cannot be closed and given a new range at once");
                }
            }
            List<HashKeyRange> openRanges = new ArrayList<>();
            for (Shard shard : old.shards()) {
                if (shard.isOpen() && !change.close().contains(shard.index())) {
                    openRanges.add(change.ranges().getOrDefault(shard.index(), shard.range()));
                }
            }
            for (NewShard newShard : change.open()) {
                requireExisting(old, newShard.parent());
                requireExisting(old, newShard.adjacentParent());
                openRanges.add(newShard.range());
            }
            if (!HashKeyRange.tiles(openRanges)) {
                throw new InvalidStreamChangeException("after the change the open shards' hash-key ranges would not "
                        + "cover [0, 2^128 - 1] without gap or overlap");
            }

            for (int index : change.close()) {
                long endOffset = tx.pending(entry.logs()[index]).highWatermark;
                shards.set(index, shards.get(index).closed(tx.nowMs, endOffset));
                tx.closedLogs.add(entry.logs()[index]);
            }
            for (Map.Entry<Integer, HashKeyRange> range : change.ranges().entrySet()) {
                shards.set(range.getKey(), shards.get(range.getKey()).withRange(range.getValue()));
            }
            int total = existing + change.open().size();
            long[] keys = Arrays.copyOf(entry.shardKeys(), total);
            ShardLog[] logs = Arrays.copyOf(entry.logs(), total);
            for (int i = existing; i < total; i++) {
                NewShard newShard = change.open().get(i - existing);
                shards.add(openShard(i, newShard.range(), newShard.parent(), newShard.adjacentParent(), tx));
                keys[i] = tx.nextShardKey++;
                logs[i] = new ShardLog(keys[i], 0, 0, -1);
                tx.pending(logs[i]);
            }
            Stream stream = old.withShards(shards);
            writeStream(tx, stream, keys);
            tx.writeNextShardKey();
            tx.catalog = tx.catalog.with(new StreamEntry(stream, keys, logs));
            return stream;
        }

        private static void requireOpen(Stream stream, int index, String action) {
            if (index < 0 || index >= stream.shards().size()) {
                throw new UnknownShardException("Stream " + stream.name() + " has no shard " + index);
            }
            if (!stream.shard(index).isOpen()) {
                throw new InvalidStreamChangeException(
                        "cannot " + action + " shard " + index + " of stream " + stream.name() + ": it is not open");
            }
        }

        private static void requireExisting(Stream stream, OptionalInt parent) {
            if (parent.isPresent()
                    && (parent.getAsInt() < 0
                            || parent.getAsInt() >= stream.shards().size())) {
                throw new UnknownShardException("Stream " + stream.name() + " has no shard " + parent.getAsInt());
            }
        }
    }

    private static Shard openShard(
            int index, HashKeyRange range, OptionalInt parent, OptionalInt adjacentParent, WriteTxn tx) {
        return new Shard(
                index,
                range,
                parent,
                adjacentParent,
                ShardState.OPEN,
                tx.nowMs,
                OptionalLong.empty(),
                OptionalLong.empty());
    }
}
