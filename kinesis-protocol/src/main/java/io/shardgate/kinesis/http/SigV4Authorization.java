package io.shardgate.kinesis.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SigV4 {@code Authorization} header, parsed leniently so that any SDK's header is understood:
 *
 * <pre>
 * AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date,
 *     Signature=abcdef…
 * </pre>
 *
 * Nothing is verified yet (DESIGN.md D11: verification arrives with the auth issue; until then any credentials are
 * accepted and the gateway says so in its log).
 */
public record SigV4Authorization(
        String accessKeyId, String date, String region, String service, List<String> signedHeaders, String signature) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final Pattern HEADER = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");

    /** The header's parts, or empty when it is absent or not a well-formed SigV4 header. */
    public static Optional<SigV4Authorization> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SigV4Authorization(
                m.group(1),
                m.group(2),
                m.group(3),
                m.group(4),
                List.of(m.group(5).split(";")),
                m.group(6)));
    }
}
