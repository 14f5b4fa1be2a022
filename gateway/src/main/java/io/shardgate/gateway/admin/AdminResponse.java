package io.shardgate.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What an admin endpoint answers, independent of Netty.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} of {@code body}
 * @param body the body bytes
 * @param headers further response headers
 */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** A plain-text response; the text gets a trailing newline. */
    public static AdminResponse text(int status, String text) {
        return new AdminResponse(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
