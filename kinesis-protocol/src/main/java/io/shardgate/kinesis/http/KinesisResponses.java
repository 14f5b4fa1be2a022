package io.shardgate.kinesis.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.codec.WireFormat;

/**
 * Builds every HTTP response the listener sends: a body in the request's wire format, {@code Content-Type},
 * {@code Content-Length}, and on every response {@code x-amzn-RequestId} and {@code x-amz-id-2} as AWS sends them.
 * Errors are {@code {"__type": "...", "message": "..."}} with the error's HTTP status; the type also travels in
 * {@code x-amzn-ErrorType}.
 */
public final class KinesisResponses {

    public static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    public static final AsciiString ID_2 = AsciiString.cached("x-amz-id-2");
    public static final AsciiString ERROR_TYPE = AsciiString.cached("x-amzn-ErrorType");

    private KinesisResponses() {}

    /** A fresh request id (a UUID, as AWS's are). */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** A 200 response carrying {@code body}. */
    public static FullHttpResponse ok(ByteBufAllocator alloc, WireFormat format, Object body, String requestId)
            throws IOException {
        return response(alloc, HttpResponseStatus.OK, format, encode(alloc, format, body), requestId);
    }

    /**
     * {@code body} encoded straight into pooled buffers: a large GetRecords answer never becomes one more heap array
     * to copy (and, at 10 MiB, a humongous object for the collector).
     */
    private static ByteBuf encode(ByteBufAllocator alloc, WireFormat format, Object body) throws IOException {
        PooledOutput out = new PooledOutput(alloc);
        try {
            format.mapper().writeValue((OutputStream) out, body);
        } catch (IOException | RuntimeException e) {
            out.discard();
            throw e;
        }
        return out.finish();
    }

    /** The error response for {@code error}. */
    public static FullHttpResponse error(
            ByteBufAllocator alloc, WireFormat format, KinesisException error, String requestId) {
        return error(
                alloc,
                HttpResponseStatus.valueOf(error.error().httpStatus()),
                format,
                error.error().wireName(),
                error.getMessage(),
                requestId);
    }

    /** An error response with an explicit status (413 for an oversized body). */
    public static FullHttpResponse error(
            ByteBufAllocator alloc,
            HttpResponseStatus status,
            WireFormat format,
            String type,
            String message,
            String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put("message", message);
        byte[] bytes;
        try {
            bytes = format.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an error body", e);
        }
        FullHttpResponse response =
                response(alloc, status, format, alloc.buffer(bytes.length).writeBytes(bytes), requestId);
        response.headers().set(ERROR_TYPE, type);
        return response;
    }

    private static FullHttpResponse response(
            ByteBufAllocator alloc, HttpResponseStatus status, WireFormat format, ByteBuf content, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(REQUEST_ID, requestId)
                .set(ID_2, id2());
        return response;
    }

    /** An opaque extended request id, base64 like AWS's. */
    public static String id2() {
        byte[] random = new byte[48];
        ThreadLocalRandom.current().nextBytes(random);
        return java.util.Base64.getEncoder().encodeToString(random);
    }
}
