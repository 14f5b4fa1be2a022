package io.shardgate.kafka.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.shardgate.kafka.api.BrokerNode;
import io.shardgate.kafka.api.KafkaApi;
import io.shardgate.kafka.api.RequestContext;
import io.shardgate.kafka.codec.ResponseFrames;

/**
 * Parses each request frame with kafka-clients and dispatches it to its {@link KafkaApi}, one request in flight per
 * connection as Kafka does: while a request is being served, reading stops ({@code autoRead} off) and frames that
 * arrived in the same read wait in a queue; the next starts once the response is written. API results hop back to
 * the channel's event loop before anything touches the connection. The frame's buffer (which produce records slice)
 * is released only after the response is written.
 *
 * <p>A frame that cannot be parsed, an unknown API key or an unsupported version closes the connection, except
 * ApiVersions at an unsupported version, which gets {@code UNSUPPORTED_VERSION} at v0 as Kafka answers it. An error
 * in an {@code acks=0} produce closes the connection too.
 */
public final class KafkaRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaRequestHandler.class);

    private final KafkaApis apis;
    private final BrokerNode node;
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private boolean inFlight;

    public KafkaRequestHandler(KafkaApis apis, BrokerNode node) {
        this.apis = apis;
        this.node = node;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        pending.add(frame);
        if (!inFlight) {
            next(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ByteBuf frame;
        while ((frame = pending.poll()) != null) {
            frame.release();
        }
        ctx.fireChannelInactive();
    }

    private void next(ChannelHandlerContext ctx) {
        ByteBuf frame = pending.poll();
        if (frame == null) {
            inFlight = false;
            if (ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        inFlight = true;
        serve(ctx, frame);
    }

    private void serve(ChannelHandlerContext ctx, ByteBuf frame) {
        ByteBuffer buffer = frame.nioBuffer();
        RequestHeader header;
        AbstractRequest request;
        try {
            header = RequestHeader.parse(buffer);
        } catch (RuntimeException e) {
            closeOn(ctx, frame, "cannot parse the request header", e);
            return;
        }
        ApiKeys key = header.apiKey();
        short version = header.apiVersion();
        if (!apis.supports(key, version)) {
            if (key == ApiKeys.API_VERSIONS) {
                write(ctx, frame, header, apis.apiVersions().response(Errors.UNSUPPORTED_VERSION), (short) 0, (short)
                        0);
            } else {
                closeOn(ctx, frame, key + " v" + version + " is not supported", null);
            }
            return;
        }
        try {
            request = AbstractRequest.parseRequest(key, version, new ByteBufferAccessor(buffer)).request;
        } catch (RuntimeException e) {
            closeOn(ctx, frame, "cannot parse " + key + " v" + version, e);
            return;
        }
        if (buffer.hasRemaining()) {
            closeOn(ctx, frame, key + " v" + version + " has " + buffer.remaining() + " trailing bytes", null);
            return;
        }
        CompletionStage<? extends ApiMessage> result;
        try {
            result = dispatch(apis.api(key), new RequestContext(header, node, ctx.executor()), request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((data, failure) -> {
            if (ctx.executor().inEventLoop()) {
                respond(ctx, frame, header, request, data, failure);
            } else {
                ctx.executor().execute(() -> respond(ctx, frame, header, request, data, failure));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <R extends AbstractRequest> CompletionStage<? extends ApiMessage> dispatch(
            KafkaApi<R> api, RequestContext context, AbstractRequest request) {
        return api.handle(context, (R) request);
    }

    private void respond(
            ChannelHandlerContext ctx,
            ByteBuf frame,
            RequestHeader header,
            AbstractRequest request,
            ApiMessage data,
            Throwable failure) {
        ApiMessage response = failure == null ? data : ErrorResponses.forFailure(request, failure);
        if (request instanceof ProduceRequest produce && produce.acks() == 0) {
            if (failure != null || hasError(response)) {
                closeOn(ctx, frame, "acks=0 produce failed", failure);
            } else {
                frame.release();
                next(ctx);
            }
            return;
        }
        if (response == null) {
            frame.release();
            next(ctx);
            return;
        }
        short version = header.apiVersion();
        write(ctx, frame, header, response, version, header.apiKey().responseHeaderVersion(version));
    }

    private void write(
            ChannelHandlerContext ctx,
            ByteBuf frame,
            RequestHeader header,
            ApiMessage response,
            short version,
            short headerVersion) {
        ByteBuf bytes;
        try {
            bytes = ResponseFrames.frame(header.correlationId(), headerVersion, response, version);
        } catch (RuntimeException e) {
            LOGGER.error("cannot serialize the {} v{} response", header.apiKey(), version, e);
            closeOn(ctx, frame, "cannot serialize the response", null);
            return;
        }
        ctx.writeAndFlush(bytes).addListener((ChannelFutureListener) written -> {
            frame.release();
            if (written.isSuccess()) {
                next(ctx);
            } else {
                written.channel().close();
            }
        });
    }

    private static boolean hasError(ApiMessage response) {
        if (response instanceof ProduceResponseData produce) {
            return produce.responses().stream()
                    .flatMap(topic -> topic.partitionResponses().stream())
                    .anyMatch(partition -> partition.errorCode() != Errors.NONE.code());
        }
        return false;
    }

    private void closeOn(ChannelHandlerContext ctx, ByteBuf frame, String why, Throwable cause) {
        frame.release();
        LOGGER.debug("closing {}: {}", ctx.channel().remoteAddress(), why, cause);
        ctx.close();
    }
}
