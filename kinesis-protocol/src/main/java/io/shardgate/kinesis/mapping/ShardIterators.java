package io.shardgate.kinesis.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/**
 * Sealed shard iterators (D12): (stream, shard, next offset, issue time) in an AES-256-GCM token, valid for
 * {@link #LIFETIME}. A token is URL-safe base64 without padding of
 *
 * <pre>
 * version (1) | nonce (12) | shard index (4) | name length (1) | stream name (UTF-8) | ciphertext (16) | tag (16)
 * </pre>
 *
 * where the plaintext is (offset, issued-at ms), two big-endian longs, and everything before the ciphertext is the
 * authenticated data. Any change to a token fails authentication. Thread-safe.
 */
public final class ShardIterators {

    /** How long an iterator may be used after it was issued, inclusive (AWS's tolerated delay). */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /** The longest {@code ShardIterator} service-2.json accepts. */
    public static final int MAX_TOKEN_LENGTH = 512;

    /** The longest stream name, in UTF-8 bytes, a token can carry (Kafka topic names stop at 249). */
    public static final int MAX_STREAM_NAME_BYTES = 255;

    /** AWS's message for an iterator it cannot read. */
    public static final String INVALID_MESSAGE = "Invalid ShardIterator.";

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES + 4 + 1;
    private static final int SEALED_BYTES = 16 + TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** {@code Thu Jan 22 01:22:02 UTC 2015}, as AWS prints times in this message. */
    private static final DateTimeFormatter AWS_TIME = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param key 32 bytes, the per-data-directory secret
     * @param clock the time iterators are issued and checked at
     */
    public ShardIterators(byte[] key, Clock clock) {
        this(key, clock, new SecureRandom());
    }

    ShardIterators(byte[] key, Clock clock, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("shard iterator key must be 256 bits, was " + key.length * 8);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A position an iterator stands for. */
    public record Position(String streamName, int shardIndex, long offset, long issuedAtMs) {
        public Position {
            Objects.requireNonNull(streamName, "streamName");
        }
    }

    /** An iterator issued now for reading {@code shardIndex} of {@code streamName} from {@code offset}. */
    public String seal(String streamName, int shardIndex, long offset) {
        return seal(streamName, shardIndex, offset, clock.millis());
    }

    /** An iterator issued at {@code issuedAtMs} for reading {@code shardIndex} of {@code streamName} from {@code offset}. */
    public String seal(String streamName, int shardIndex, long offset, long issuedAtMs) {
        byte[] name = streamName.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_STREAM_NAME_BYTES) {
            throw new IllegalArgumentException("stream name must be 1.." + MAX_STREAM_NAME_BYTES + " bytes");
        }
        if (shardIndex < 0) {
            throw new IllegalArgumentException("shard index must be >= 0: " + shardIndex);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer token = ByteBuffer.allocate(HEADER_BYTES + name.length + SEALED_BYTES);
        token.put(VERSION).put(nonce).putInt(shardIndex).put((byte) name.length).put(name);
        int aadLength = token.position();
        byte[] plain =
                ByteBuffer.allocate(16).putLong(offset).putLong(issuedAtMs).array();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(token.array(), 0, aadLength);
            token.put(cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * The position {@code token} stands for.
     *
     * @throws KinesisException {@code InvalidArgumentException} if we did not issue it with this key,
     *     {@code ExpiredIteratorException} if it was issued more than {@link #LIFETIME} ago
     */
    public Position unseal(String token) {
        byte[] bytes = decode(token);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_BYTES + 1 + SEALED_BYTES || buffer.get() != VERSION) {
            throw invalid();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        int shardIndex = buffer.getInt();
        int nameLength = Byte.toUnsignedInt(buffer.get());
        if (nameLength == 0 || bytes.length != HEADER_BYTES + nameLength + SEALED_BYTES) {
            throw invalid();
        }
        int aadLength = HEADER_BYTES + nameLength;
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(bytes, 0, aadLength);
            plain = cipher.doFinal(bytes, aadLength, SEALED_BYTES);
        } catch (AEADBadTagException e) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        String streamName = new String(bytes, HEADER_BYTES, nameLength, StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.wrap(plain);
        long offset = fields.getLong();
        long issuedAtMs = fields.getLong();
        long nowMs = clock.millis();
        if (nowMs - issuedAtMs > LIFETIME.toMillis()) {
            throw new KinesisException(
                    KinesisError.EXPIRED_ITERATOR,
                    "Iterator expired. The iterator was created at time " + awsTime(issuedAtMs)
                            + " while right now it is " + awsTime(nowMs)
                            + " which is further in the future than the tolerated delay of " + LIFETIME.toMillis()
                            + " milliseconds.");
        }
        return new Position(streamName, shardIndex, offset, issuedAtMs);
    }

    private static byte[] decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // One spelling per token: reject padding and non-zero trailing bits the decoder would ignore.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            throw invalid();
        }
        return bytes;
    }

    static String awsTime(long epochMs) {
        return AWS_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    private static KinesisException invalid() {
        return new KinesisException(KinesisError.INVALID_ARGUMENT, INVALID_MESSAGE);
    }

    @Override
    public String toString() {
        return "ShardIterators[clock=" + clock + "]";
    }
}
