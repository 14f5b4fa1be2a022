package io.shardgate.kinesis.mapping;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.Shard;
import io.shardgate.store.Stream;

/**
 * Routes a record to a shard as Kinesis does: the 128-bit hash key is MD5 of the partition key's UTF-8 bytes read as
 * an unsigned big-endian integer, or the record's {@code ExplicitHashKey}; the record goes to the open shard whose
 * hash-key range contains it. The open shards tile {@code [0, 2^128 - 1]} (D4), so there is always exactly one.
 */
public final class HashKeyRouter {

    /** The request pattern of {@code ExplicitHashKey} in service-2.json. */
    public static final String EXPLICIT_HASH_KEY_PATTERN = "0|([1-9]\\d{0,38})";

    private static final Pattern COMPILED = Pattern.compile(EXPLICIT_HASH_KEY_PATTERN);

    /** One digest per thread: looking the algorithm up costs more than hashing a key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    private HashKeyRouter() {}

    /** MD5 of the partition key's UTF-8 bytes as an unsigned 128-bit integer. */
    public static BigInteger hashKey(String partitionKey) {
        return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash key of a record: its explicit hash key if it has one, else that of its partition key. */
    public static BigInteger hashKey(String partitionKey, String explicitHashKey) {
        return explicitHashKey == null ? hashKey(partitionKey) : parseExplicitHashKey(explicitHashKey);
    }

    /** {@link #parseExplicitHashKey(String, String)} for the {@code ExplicitHashKey} of PutRecord. */
    public static BigInteger parseExplicitHashKey(String value) {
        return parseExplicitHashKey(value, "explicitHashKey");
    }

    /**
     * An {@code ExplicitHashKey} as a hash key.
     *
     * @param memberPath where the value sits in the request, as validation messages name it ({@code explicitHashKey},
     *     {@code records.1.member.explicitHashKey})
     * @throws KinesisException {@code ValidationException} if it does not match the request pattern,
     *     {@code InvalidArgumentException} if it is above {@code 2^128 - 1}
     */
    public static BigInteger parseExplicitHashKey(String value, String memberPath) {
        if (value == null || !COMPILED.matcher(value).matches()) {
            throw new KinesisException(
                    KinesisError.VALIDATION,
                    "1 validation error detected: Value '" + value + "' at '" + memberPath
                            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + EXPLICIT_HASH_KEY_PATTERN);
        }
        BigInteger key = new BigInteger(value);
        if (key.compareTo(HashKeyRange.MAX) > 0) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                            + value);
        }
        return key;
    }

    /**
     * A hash key of an open shard of {@code stream} chosen at random, each open shard as likely as any other: where a
     * record goes when the stream's record distribution strategy is {@code AUTO} (ADR 0020).
     */
    public static BigInteger spread(Stream stream) {
        List<Shard> open = stream.openShards();
        return open.get(ThreadLocalRandom.current().nextInt(open.size()))
                .range()
                .start();
    }

    /**
     * The open shard of {@code stream} whose range contains {@code hashKey}.
     *
     * @throws IllegalArgumentException if the key is outside {@code [0, 2^128 - 1]}
     * @throws IllegalStateException if no open shard contains it (the open shards do not tile the space)
     */
    public static Shard route(Stream stream, BigInteger hashKey) {
        if (hashKey.signum() < 0 || hashKey.compareTo(HashKeyRange.MAX) > 0) {
            throw new IllegalArgumentException("not a hash key: " + hashKey);
        }
        for (Shard shard : stream.shards()) {
            if (shard.isOpen() && shard.range().contains(hashKey)) {
                return shard;
            }
        }
        throw new IllegalStateException("no open shard of stream " + stream.name() + " contains hash key " + hashKey);
    }
}
