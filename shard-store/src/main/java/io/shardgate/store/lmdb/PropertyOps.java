package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.lmdbjava.Txn;

/** Store-wide properties: {@code "prop/" + name -> value} (UTF-8) in the {@code meta} database. */
final class PropertyOps {
    private static final String PREFIX = "prop/";

    private PropertyOps() {}

    /** The property's value. Reader threads only. */
    static Optional<String> read(Txn<ByteBuffer> txn, Databases db, String name) {
        ByteBuffer stored = db.meta.get(txn, key(name));
        return Optional.ofNullable(stored).map(PropertyOps::decode);
    }

    private static ByteBuffer key(String name) {
        return Keys.utf8(PREFIX + name);
    }

    private static String decode(ByteBuffer value) {
        return new String(Keys.bytes(value), StandardCharsets.UTF_8);
    }

    static final class Alter extends WriteOp<Optional<String>> {
        private final String name;
        private final UnaryOperator<String> change;

        Alter(String name, UnaryOperator<String> change) {
            this.name = name;
            this.change = change;
        }

        @Override
        Optional<String> apply(WriteTxn tx) {
            ByteBuffer key = key(name);
            ByteBuffer stored = tx.db.meta.get(tx.txn, key);
            String value = change.apply(stored == null ? null : decode(stored));
            if (value == null) {
                if (stored != null) {
                    tx.db.meta.delete(tx.txn, key);
                }
            } else {
                tx.db.meta.put(tx.txn, key, Keys.direct(value.getBytes(StandardCharsets.UTF_8)));
            }
            return Optional.ofNullable(value);
        }
    }
}
