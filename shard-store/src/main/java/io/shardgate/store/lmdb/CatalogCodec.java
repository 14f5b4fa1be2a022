package io.shardgate.store.lmdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.record.TimestampType;

import io.shardgate.store.HashKeyRange;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * The binary form of a catalog entry in the {@code streams} database. Versioned by its first byte; a new version
 * must keep reading the old ones.
 */
final class CatalogCodec {
    /** 2 added the retention in bytes after the retention in ms; version 1 entries read as no size limit. */
    private static final byte VERSION = 2;

    private CatalogCodec() {}

    /** A stream plus the internal key of each of its shards, by index. */
    record Stored(Stream stream, long[] shardKeys) {}

    static byte[] encode(Stream stream, long[] shardKeys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(stream.name());
            out.writeByte(stream.origin().ordinal());
            out.writeLong(stream.id().getMostSignificantBits());
            out.writeLong(stream.id().getLeastSignificantBits());
            out.writeLong(stream.createdAtMs());
            StreamSettings settings = stream.settings();
            out.writeByte(settings.status().ordinal());
            out.writeLong(settings.retentionMs());
            out.writeLong(settings.retentionBytes());
            out.writeUTF(settings.limitsProfile());
            out.writeInt(settings.maxRecordBytes());
            out.writeByte(settings.timestampType() == TimestampType.LOG_APPEND_TIME ? 1 : 0);
            Map<String, String> configs = new TreeMap<>(settings.configs());
            out.writeInt(configs.size());
            for (Map.Entry<String, String> config : configs.entrySet()) {
                writeString(out, config.getKey());
                writeString(out, config.getValue());
            }
            out.writeInt(stream.shards().size());
            for (Shard shard : stream.shards()) {
                out.writeLong(shardKeys[shard.index()]);
                writeUnsigned128(out, shard.range().start());
                writeUnsigned128(out, shard.range().end());
                out.writeInt(shard.parent().orElse(-1));
                out.writeInt(shard.adjacentParent().orElse(-1));
                out.writeByte(shard.state().ordinal());
                out.writeLong(shard.createdAtMs());
                out.writeLong(shard.closedAtMs().orElse(-1));
                out.writeLong(shard.endOffset().orElse(-1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Stored decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != 1 && version != VERSION) {
                throw new IllegalStateException("unknown catalog entry version " + version);
            }
            String name = in.readUTF();
            StreamOrigin origin = StreamOrigin.values()[in.readByte()];
            UUID id = new UUID(in.readLong(), in.readLong());
            long createdAtMs = in.readLong();
            StreamStatus status = StreamStatus.values()[in.readByte()];
            long retentionMs = in.readLong();
            long retentionBytes = version >= 2 ? in.readLong() : -1;
            String limitsProfile = in.readUTF();
            int maxRecordBytes = in.readInt();
            TimestampType timestampType =
                    in.readByte() == 1 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
            int configCount = in.readInt();
            Map<String, String> configs = new TreeMap<>();
            for (int i = 0; i < configCount; i++) {
                configs.put(readString(in), readString(in));
            }
            int shardCount = in.readInt();
            long[] keys = new long[shardCount];
            List<Shard> shards = new ArrayList<>(shardCount);
            for (int i = 0; i < shardCount; i++) {
                keys[i] = in.readLong();
                HashKeyRange range = new HashKeyRange(readUnsigned128(in), readUnsigned128(in));
                OptionalInt parent = optionalInt(in.readInt());
                OptionalInt adjacentParent = optionalInt(in.readInt());
                ShardState state = ShardState.values()[in.readByte()];
                long shardCreatedAtMs = in.readLong();
                OptionalLong closedAtMs = optionalLong(in.readLong());
                OptionalLong endOffset = optionalLong(in.readLong());
                shards.add(new Shard(i, range, parent, adjacentParent, state, shardCreatedAtMs, closedAtMs, endOffset));
            }
            StreamSettings settings = new StreamSettings(
                    status, retentionMs, retentionBytes, limitsProfile, maxRecordBytes, timestampType, configs);
            return new Stored(new Stream(name, origin, id, createdAtMs, settings, shards), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeUnsigned128(DataOutputStream out, BigInteger value) throws IOException {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, fixed, 16 - copy, copy);
        out.write(fixed);
    }

    private static BigInteger readUnsigned128(DataInputStream in) throws IOException {
        byte[] fixed = new byte[16];
        in.readFully(fixed);
        return new BigInteger(1, fixed);
    }

    private static OptionalInt optionalInt(int value) {
        return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalLong optionalLong(long value) {
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
