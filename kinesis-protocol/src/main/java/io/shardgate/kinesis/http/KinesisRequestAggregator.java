package io.shardgate.kinesis.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

import io.shardgate.kinesis.codec.WireFormat;

/**
 * Aggregates a request into one {@code FullHttpRequest} up to the configured cap (the largest legal PutRecords body
 * plus headroom). A larger body is answered with 413 and an AWS-style error in the request's format, decided from
 * its {@code Content-Length} before the body is read where possible; the connection stays open when the rest of the
 * body can be skipped (keep-alive with a known length), as Netty's aggregator does.
 */
public final class KinesisRequestAggregator extends HttpObjectAggregator {

    private final int maxContentLength;

    public KinesisRequestAggregator(int maxContentLength) {
        super(maxContentLength);
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        WireFormat format = WireFormat.ofContentType(oversized.headers().get(HttpHeaderNames.CONTENT_TYPE))
                .orElse(WireFormat.JSON);
        FullHttpResponse response = KinesisResponses.error(
                ctx.alloc(),
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                format,
                "SerializationException",
                "Request body exceeds the maximum of " + maxContentLength + " bytes.",
                KinesisResponses.newRequestId());
        boolean close = oversized instanceof FullHttpMessage
                || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized))
                || !HttpUtil.isContentLengthSet(oversized);
        if (close) {
            HttpUtil.setKeepAlive(response, false);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
