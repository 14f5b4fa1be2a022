package io.shardgate.kinesis.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.eventstream.EventSink;
import io.shardgate.kinesis.eventstream.EventStreamMessages;
import io.shardgate.kinesis.eventstream.EventStreamOutput;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.operation.KinesisOperation;
import io.shardgate.kinesis.operation.RequestContext;

/**
 * Serves aggregated requests, HTTP/1.1 and HTTP/2 alike (an h2 stream arrives here converted to the same
 * {@link FullHttpRequest}): checks method, content type and target, decodes the body, runs the operation and writes
 * the response. One request in flight per channel: reading stops while one is served and pipelined requests wait
 * in order. Operation results hop back to the channel's event loop before anything touches the channel. Every
 * failure becomes an AWS error response and the connection keeps serving (an HTTP/1.1 request that asked to close
 * gets its answer first). An operation that answers with an {@link EventStreamOutput} (SubscribeToShard) gets a
 * streamed 200 response instead, fed by the output and paced by the channel's writability.
 */
public final class KinesisRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(KinesisRequestHandler.class);

    public static final AsciiString TARGET = AsciiString.cached("X-Amz-Target");

    private final KinesisDispatcher dispatcher;
    private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
    private boolean inFlight;
    /** The event stream being sent as the current response, if any (SubscribeToShard). */
    private EventStreamOutput streaming;

    public KinesisRequestHandler(KinesisDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        pending.add(request);
        if (!inFlight) {
            next(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streaming != null && ctx.channel().isWritable()) {
            streaming.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (streaming != null) {
            EventStreamOutput stream = streaming;
            streaming = null;
            stream.cancel();
        }
        FullHttpRequest request;
        while ((request = pending.poll()) != null) {
            request.release();
        }
        ctx.fireChannelInactive();
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest request = pending.poll();
        if (request == null) {
            inFlight = false;
            if (ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            }
            return;
        }
        inFlight = true;
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = KinesisResponses.newRequestId();
        WireFormat format = WireFormat.ofContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE))
                .orElse(null);
        CompletionStage<Object> result;
        try {
            if (!request.decoderResult().isSuccess()) {
                throw new KinesisException(KinesisError.SERIALIZATION, "Malformed HTTP request.");
            }
            if (!HttpMethod.POST.equals(request.method())) {
                throw new KinesisException(
                        KinesisError.UNKNOWN_OPERATION, "Only POST is supported, not " + request.method() + ".");
            }
            KinesisOperation<?, ?> operation =
                    dispatcher.operation(request.headers().get(TARGET));
            if (format == null) {
                throw new KinesisException(
                        KinesisError.UNKNOWN_OPERATION,
                        "Unsupported Content-Type " + request.headers().get(HttpHeaderNames.CONTENT_TYPE)
                                + "; use application/x-amz-json-1.1 or application/x-amz-cbor-1.1.");
            }
            SigV4Authorization.parse(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            result = dispatcher.dispatch(
                    operation, format, request.content(), new RequestContext(requestId, ctx.executor()));
        } catch (RuntimeException e) {
            result = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        WireFormat responseFormat = format == null ? WireFormat.JSON : format;
        // After a request the codec could not parse, the codec discards the rest of the connection: answer, close.
        boolean keepAlive =
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        request.release();
        result.whenComplete((output, failure) -> {
            if (ctx.executor().inEventLoop()) {
                respond(ctx, responseFormat, requestId, keepAlive, output, failure);
            } else {
                ctx.executor().execute(() -> respond(ctx, responseFormat, requestId, keepAlive, output, failure));
            }
        });
    }

    private void respond(
            ChannelHandlerContext ctx,
            WireFormat format,
            String requestId,
            boolean keepAlive,
            Object output,
            Throwable failure) {
        if (failure == null && output instanceof EventStreamOutput stream) {
            stream(ctx, format, requestId, keepAlive, stream);
            return;
        }
        FullHttpResponse response;
        if (failure == null) {
            try {
                response = KinesisResponses.ok(ctx.alloc(), format, output, requestId);
            } catch (Exception e) {
                failure = e;
                response = null;
            }
        } else {
            response = null;
        }
        if (response == null) {
            KinesisException error = KinesisErrors.toKinesis(failure);
            if (error.error().httpStatus() >= 500) {
                LOGGER.warn("request {} failed", requestId, KinesisErrors.unwrap(failure));
            }
            response = KinesisResponses.error(ctx.alloc(), format, error, requestId);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        written.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess() || !keepAlive) {
                done.channel().close();
            } else {
                next(ctx);
            }
        });
    }

    /**
     * Answers with an event stream: 200 and {@value EventStreamMessages#CONTENT_TYPE} (chunked on HTTP/1.1, DATA
     * frames on HTTP/2), then the output sends messages until it ends the response; the next request waits until then.
     */
    private void stream(
            ChannelHandlerContext ctx,
            WireFormat format,
            String requestId,
            boolean keepAlive,
            EventStreamOutput stream) {
        if (!ctx.channel().isActive()) {
            stream.cancel();
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, EventStreamMessages.CONTENT_TYPE)
                .set(KinesisResponses.REQUEST_ID, requestId)
                .set(KinesisResponses.ID_2, KinesisResponses.id2());
        if (!(ctx.channel() instanceof Http2StreamChannel)) {
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
        }
        streaming = stream;
        ctx.writeAndFlush(head).addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                done.channel().close();
            }
        });
        stream.start(new EventSink() {
            private boolean ended;

            @Override
            public WireFormat format() {
                return format;
            }

            @Override
            public EventExecutor executor() {
                return ctx.executor();
            }

            @Override
            public boolean isWritable() {
                return ctx.channel().isWritable();
            }

            @Override
            public void send(byte[] message) {
                if (!ended) {
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(message)));
                }
            }

            @Override
            public void end() {
                if (ended) {
                    return;
                }
                ended = true;
                if (streaming == stream) {
                    streaming = null;
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) done -> {
                    if (!done.isSuccess() || !keepAlive) {
                        done.channel().close();
                    } else {
                        next(ctx);
                    }
                });
            }
        });
    }
}
