package io.shardgate.gateway.admin;

import java.util.Map;

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
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Turns each aggregated HTTP request into a call of {@link AdminEndpoints} and writes its answer. Stateless and
 * shared by every connection; keep-alive is left to the {@code HttpServerKeepAliveHandler} before it.
 */
@ChannelHandler.Sharable
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdminRequestHandler.class);

    private final AdminEndpoints endpoints;

    AdminRequestHandler(AdminEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        AdminResponse answer;
        if (!request.decoderResult().isSuccess()) {
            answer = AdminResponse.text(400, "Bad Request");
        } else {
            String path = new QueryStringDecoder(request.uri()).path();
            try {
                answer = endpoints.handle(request.method().name(), path);
            } catch (RuntimeException e) {
                LOGGER.error("admin endpoint {} {} failed", request.method(), path, e);
                answer = AdminResponse.text(500, "Internal Server Error");
            }
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                request.protocolVersion(),
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.wrappedBuffer(answer.body()));
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
