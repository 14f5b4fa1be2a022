package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Big-endian LMDB keys, so that LMDB's lexicographic byte order is numeric order. */
final class Keys {
    static final int PAIR_BYTES = 16;

    private Keys() {}

    /** Writes {@code (a, b)} into {@code buffer} (a direct buffer of at least 16 bytes) and flips it. */
    static ByteBuffer pair(ByteBuffer buffer, long a, long b) {
        buffer.clear();
        buffer.putLong(a).putLong(b).flip();
        return buffer;
    }

    static ByteBuffer single(ByteBuffer buffer, long a) {
        buffer.clear();
        buffer.putLong(a).flip();
        return buffer;
    }

    static long first(ByteBuffer key) {
        return key.getLong(key.position());
    }

    static long second(ByteBuffer key) {
        return key.getLong(key.position() + 8);
    }

    static ByteBuffer utf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return direct(bytes);
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, bytes.length));
        buffer.put(bytes).flip();
        return buffer;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** {@code length(2) || group || shardKey(8)}; the prefix alone when {@code shardKey} is absent. */
    static ByteBuffer position(String group, Long shardKey) {
        byte[] name = group.getBytes(StandardCharsets.UTF_8);
        if (name.length > io.shardgate.store.ShardStore.MAX_GROUP_BYTES) {
            throw new IllegalArgumentException(
                    "group names are limited to " + io.shardgate.store.ShardStore.MAX_GROUP_BYTES + " UTF-8 bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(2 + name.length + 8);
        buffer.putShort((short) name.length).put(name);
        if (shardKey != null) {
            buffer.putLong(shardKey);
        }
        return buffer.flip();
    }

    /** Whether {@code key} starts with {@code prefix}. */
    static boolean startsWith(ByteBuffer key, ByteBuffer prefix) {
        if (key.remaining() < prefix.remaining()) {
            return false;
        }
        return key.duplicate().limit(key.position() + prefix.remaining()).equals(prefix.duplicate());
    }

    /** Compares two {@code (a, b)} keys of non-negative longs. */
    static boolean greater(long a1, long b1, long a2, long b2) {
        return a1 > a2 || (a1 == a2 && b1 > b2);
    }
}
