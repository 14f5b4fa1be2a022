package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/** Group coordinator states: {@code group -> state}, opaque bytes. */
final class GroupOps {
    private GroupOps() {}

    static final class Save extends WriteOp<Void> {
        private final String group;
        private final byte[] state;

        Save(String group, byte[] state) {
            this.group = group;
            this.state = state.clone();
        }

        @Override
        Void apply(WriteTxn tx) {
            ByteBuffer value = ByteBuffer.allocateDirect(Math.max(1, state.length));
            value.put(state).flip();
            tx.db.groups.put(tx.txn, key(group), value);
            return null;
        }
    }

    /** Deletes the state and every position of the group. */
    static final class Delete extends WriteOp<Void> {
        private final String group;
        private final PositionOps.Delete positions;

        Delete(String group) {
            this.group = group;
            this.positions = new PositionOps.Delete(group, Set.of());
        }

        @Override
        Void apply(WriteTxn tx) {
            tx.db.groups.delete(tx.txn, key(group));
            return positions.apply(tx);
        }
    }

    /** Every saved state. Reader threads only. */
    static Map<String, byte[]> states(Txn<ByteBuffer> txn, Databases db) {
        Map<String, byte[]> states = new LinkedHashMap<>();
        try (Cursor<ByteBuffer> cursor = db.groups.openCursor(txn)) {
            boolean more = cursor.first();
            while (more) {
                states.put(
                        StandardCharsets.UTF_8.decode(cursor.key().duplicate()).toString(), Keys.bytes(cursor.val()));
                more = cursor.next();
            }
        }
        return states;
    }

    /** The groups with a state or a position. Reader threads only. */
    static SortedSet<String> names(Txn<ByteBuffer> txn, Databases db) {
        SortedSet<String> names = new TreeSet<>(states(txn, db).keySet());
        try (Cursor<ByteBuffer> cursor = db.positions.openCursor(txn)) {
            boolean more = cursor.first();
            while (more) {
                ByteBuffer key = cursor.key();
                int length = key.getShort(key.position()) & 0xFFFF;
                byte[] name = new byte[length];
                key.duplicate().position(key.position() + 2).get(name);
                names.add(new String(name, StandardCharsets.UTF_8));
                more = cursor.next();
            }
        }
        return names;
    }

    private static ByteBuffer key(String group) {
        byte[] name = group.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(name.length).put(name).flip();
    }
}
