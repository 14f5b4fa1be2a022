package io.shardgate.kinesis.operation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/**
 * The {@code NextToken}s of ListStreams and ListShards: where the next page starts and when the token was issued, in
 * URL-safe base64. Tokens are not secret (they only say where a listing continues); like AWS's they expire after
 * {@link #LIFETIME}.
 *
 * <pre>
 * v1 '|' issued-at ms '|' kind '|' position
 * </pre>
 */
final class PageTokens {

    /** How long a token can be used, as on AWS. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private PageTokens() {}

    /** A token of {@code kind} (e.g. {@code shards}) that continues after {@code position}. */
    static String issue(String kind, String position, long nowMs) {
        String text = "v1|" + nowMs + "|" + kind + "|" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token of {@code kind} continues after.
     *
     * @throws KinesisException {@code InvalidArgumentException} for a token we did not issue,
     *     {@code ExpiredNextTokenException} for one older than {@link #LIFETIME}
     */
    static String open(String kind, String token, long nowMs) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
        String[] parts = text.split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals("v1") || !parts[2].equals(kind)) {
            throw invalid(token);
        }
        long issuedAt;
        try {
            issuedAt = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
        if (nowMs - issuedAt > LIFETIME.toMillis()) {
            throw new KinesisException(
                    KinesisError.EXPIRED_NEXT_TOKEN, "The requested token " + token + " has expired.");
        }
        return parts[3];
    }

    static KinesisException invalid(String token) {
        return new KinesisException(KinesisError.INVALID_ARGUMENT, "Invalid NextToken: " + token);
    }
}
