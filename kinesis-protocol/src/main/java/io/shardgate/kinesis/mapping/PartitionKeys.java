package io.shardgate.kinesis.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Kafka key ⇄ Kinesis partition key (D5, ADR 0004). A Kinesis partition key is stored as the Kafka key, its UTF-8
 * bytes. A Kafka key Kinesis cannot show is shown through a stand-in; the stored bytes never change:
 *
 * <ul>
 *   <li>a null key: {@value #NULL_KEY};
 *   <li>an empty key: {@value #EMPTY_KEY};
 *   <li>a key that is not UTF-8, or longer than 256 characters: {@value #DIGEST_PREFIX} followed by the lower-case hex
 *       MD5 of its bytes (39 characters).
 * </ul>
 *
 * Stand-ins start with {@code _sg:}, the gateway's reserved prefix, so that they are easy to recognise; a Kinesis
 * producer could still write such a key itself.
 */
public final class PartitionKeys {

    public static final String NULL_KEY = "_sg:null";
    public static final String EMPTY_KEY = "_sg:empty";
    public static final String DIGEST_PREFIX = "_sg:md5:";

    /** The longest partition key, in characters. */
    public static final int MAX_CHARACTERS = 256;

    private PartitionKeys() {}

    /** The Kafka key bytes of a Kinesis partition key. */
    public static byte[] toKafkaKey(String partitionKey) {
        return partitionKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The partition key Kinesis readers see for a Kafka key ({@code null} allowed). */
    public static String fromKafkaKey(ByteBuffer key) {
        if (key == null) {
            return NULL_KEY;
        }
        if (!key.hasRemaining()) {
            return EMPTY_KEY;
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(key.duplicate())
                    .toString();
            if (text.codePointCount(0, text.length()) <= MAX_CHARACTERS) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not UTF-8: shown through the digest stand-in
        }
        return DIGEST_PREFIX + HexFormat.of().formatHex(md5(key.duplicate()));
    }

    private static byte[] md5(ByteBuffer bytes) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
