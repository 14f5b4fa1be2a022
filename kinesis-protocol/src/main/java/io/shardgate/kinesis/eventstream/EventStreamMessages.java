package io.shardgate.kinesis.eventstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

import io.shardgate.kinesis.codec.WireFormat;

/**
 * The messages of an {@code application/vnd.amazon.eventstream} response as AWS sends them for SubscribeToShard,
 * framed (prelude, headers, payload, CRCs) by the AWS SDK's event-stream codec:
 *
 * <ul>
 *   <li>the initial response: {@code :message-type event}, {@code :event-type initial-response}, an empty structure;
 *   <li>an event: {@code :message-type event}, {@code :event-type <member>} ({@code SubscribeToShardEvent}), the
 *       event's shape;
 *   <li>an exception: {@code :message-type exception}, {@code :exception-type <shape>}
 *       ({@code ResourceNotFoundException} …), {@code {"message": …}}.
 * </ul>
 *
 * Every payload is in the request's format ({@code :content-type} says which): JSON 1.1 or CBOR 1.1.
 */
public final class EventStreamMessages {

    /** The {@code Content-Type} of an event-stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamMessages() {}

    /** The first message of every stream. */
    public static byte[] initialResponse(WireFormat format) {
        return message("event", ":event-type", "initial-response", format, Map.of());
    }

    /** An event of type {@code eventType} carrying {@code payload}. */
    public static byte[] event(WireFormat format, String eventType, Object payload) {
        return message("event", ":event-type", eventType, format, payload);
    }

    /** An exception event: the stream ends after it. */
    public static byte[] exception(WireFormat format, String exceptionType, String text) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("message", text);
        return message("exception", ":exception-type", exceptionType, format, payload);
    }

    private static byte[] message(
            String messageType, String typeHeader, String type, WireFormat format, Object payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString(messageType));
        headers.put(typeHeader, HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(format.contentType()));
        byte[] body;
        try {
            body = format.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an event payload", e);
        }
        ByteBuffer framed = new Message(headers, body).toByteBuffer();
        byte[] bytes = new byte[framed.remaining()];
        framed.get(bytes);
        return bytes;
    }
}
