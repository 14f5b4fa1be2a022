package io.shardgate.gateway.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Turns each aggregated HTTP request into a call of {@link AdminEndpoints} on the admin executor, off the event loop,
 * then hops back to the channel's event loop to write the answer. With a single-threaded executor, answers leave in
 * request order. Stateless and shared by every connection; keep-alive is left to the
 * {@code HttpServerKeepAliveHandler} before it.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdminRequestHandler.class);

    private final AdminEndpoints endpoints;
    private final Executor executor;

    AdminRequestHandler(AdminEndpoints endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!request.decoderResult().isSuccess()) {
            write(ctx, version, AdminResponse.text(400, "Bad Request"));
            return;
        }
        // The request is released when this method returns: take what the endpoint needs now.
        String method = request.method().name();
        String path = new QueryStringDecoder(request.uri()).path();
        CompletableFuture<AdminResponse> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> endpoints.handle(method, path), executor);
        } catch (RejectedExecutionException e) {
            write(ctx, version, AdminResponse.text(503, "Service Unavailable: shutting down"));
            return;
        }
        answer.whenComplete((response, error) -> {
            AdminResponse result = response;
            if (error != null) {
                LOGGER.error("admin endpoint {} {} failed", method, path, error);
                result = AdminResponse.text(500, "Internal Server Error");
            }
            AdminResponse toWrite = result;
            try {
                ctx.executor().execute(() -> write(ctx, version, toWrite));
            } catch (RejectedExecutionException e) {
                LOGGER.debug("admin response to {} {} dropped: the event loop has shut down", method, path);
            }
        });
    }

    /** On the channel's event loop. */
    private static void write(ChannelHandlerContext ctx, HttpVersion version, AdminResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                version, HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.headers().set(header.getKey(), header.getValue());
        }
        ctx.writeAndFlush(response);
    }
}
