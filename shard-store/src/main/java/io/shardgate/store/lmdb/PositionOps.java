package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

import io.shardgate.store.Position;
import io.shardgate.store.ShardRef;

/**
 * Consumer group positions: {@code length || group || shardKey -> offset || 0xFF || leaderEpoch || metadata}. Values
 * written before the leader epoch was kept are {@code offset || metadata}; the marker byte 0xFF, which never starts
 * UTF-8 text, tells the two apart.
 */
final class PositionOps {
    private PositionOps() {}

    private static final byte EPOCH_MARKER = (byte) 0xFF;

    static final class Commit extends WriteOp<Void> {
        private final String group;
        private final Map<ShardRef, Position> positions;

        Commit(String group, Map<ShardRef, Position> positions) {
            this.group = group;
            this.positions = Map.copyOf(positions);
        }

        @Override
        Void apply(WriteTxn tx) {
            Map<Long, Position> byKey = new LinkedHashMap<>();
            for (Map.Entry<ShardRef, Position> entry : positions.entrySet()) {
                byKey.put(tx.log(entry.getKey()).key, entry.getValue());
            }
            for (Map.Entry<Long, Position> entry : byKey.entrySet()) {
                byte[] metadata = entry.getValue().metadata().getBytes(StandardCharsets.UTF_8);
                ByteBuffer value = ByteBuffer.allocateDirect(Long.BYTES + 1 + Integer.BYTES + metadata.length);
                value.putLong(entry.getValue().offset())
                        .put(EPOCH_MARKER)
                        .putInt(entry.getValue().leaderEpoch())
                        .put(metadata)
                        .flip();
                tx.db.positions.put(tx.txn, Keys.position(group, entry.getKey()), value);
            }
            return null;
        }
    }

    static final class Delete extends WriteOp<Void> {
        private final String group;
        private final Set<ShardRef> shards;

        Delete(String group, Set<ShardRef> shards) {
            this.group = group;
            this.shards = Set.copyOf(shards);
        }

        @Override
        Void apply(WriteTxn tx) {
            if (shards.isEmpty()) {
                ByteBuffer prefix = Keys.position(group, null);
                List<ByteBuffer> keys = new ArrayList<>();
                try (Cursor<ByteBuffer> cursor = tx.db.positions.openCursor(tx.txn)) {
                    boolean more = cursor.get(prefix, GetOp.MDB_SET_RANGE);
                    while (more && Keys.startsWith(cursor.key(), prefix)) {
                        keys.add(Keys.direct(Keys.bytes(cursor.key())));
                        more = cursor.next();
                    }
                }
                for (ByteBuffer key : keys) {
                    tx.db.positions.delete(tx.txn, key);
                }
                return null;
            }
            for (ShardRef ref : shards) {
                StreamEntry entry = tx.catalog.get(ref.stream());
                ShardLog log = entry == null ? null : entry.log(ref.shard());
                if (log != null) {
                    tx.db.positions.delete(tx.txn, Keys.position(group, log.key));
                }
            }
            return null;
        }
    }

    /** Every position of the group in shards of the catalog. Reader threads only. */
    static Map<ShardRef, Position> read(Txn<ByteBuffer> txn, Databases db, Catalog catalog, String group) {
        ByteBuffer prefix = Keys.position(group, null);
        Map<ShardRef, Position> positions = new LinkedHashMap<>();
        try (Cursor<ByteBuffer> cursor = db.positions.openCursor(txn)) {
            boolean more = cursor.get(prefix, GetOp.MDB_SET_RANGE);
            while (more && Keys.startsWith(cursor.key(), prefix)) {
                ByteBuffer key = cursor.key();
                ShardRef ref = catalog.ref(key.getLong(key.limit() - Long.BYTES));
                if (ref != null) {
                    ByteBuffer value = cursor.val().duplicate();
                    long offset = value.getLong();
                    int leaderEpoch = Position.NO_LEADER_EPOCH;
                    if (value.remaining() >= 1 + Integer.BYTES && value.get(value.position()) == EPOCH_MARKER) {
                        value.get();
                        leaderEpoch = value.getInt();
                    }
                    String metadata = StandardCharsets.UTF_8.decode(value).toString();
                    positions.put(ref, new Position(offset, leaderEpoch, metadata));
                }
                more = cursor.next();
            }
        }
        return positions;
    }
}
