package io.shardgate.kafka.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.FetchResponseData;
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
import io.shardgate.kafka.api.ResponseBuffers;
import io.shardgate.kafka.codec.ResponseFrames;

/**
 * Parses each request frame with kafka-clients and dispatches it to its {@link KafkaApi}; responses leave in request
 * order. Requests are served one at a time, as Kafka serves them, with one exception: consecutive Produce requests
 * (a producer's {@code max.in.flight.requests.per.connection}, 5 by default) are served together, up to
 * {@link #MAX_PIPELINED_PRODUCES}, so that their appends join one store commit. Their appends reach the store in
 * request order, so per-partition order and idempotent sequences hold as if served one by one. Any other request
 * waits until everything before it is answered, and nothing starts before it is answered, so a client sees every
 * other request served strictly after the ones it sent before.
 *
 * <p>While the connection cannot take more, reading stops ({@code autoRead} off) and frames already read wait in a
 * queue; a connection whose peer does not read its responses stops being served until it does (channel
 * writability). API results hop back to the channel's event loop before anything touches the connection. A frame's
 * buffer (which produce records slice) is released only after its response is written.
 *
 * <p>A response with a {@code throttle_time_ms} (Produce and Fetch over a shard's budget, DESIGN.md D8) mutes the
 * connection as Kafka's quotas do (KIP-219): the response is sent at once, then nothing more is read or started until
 * the throttle time has passed.
 *
 * <p>A frame that cannot be parsed, an unknown API key or an unsupported version closes the connection, except
 * ApiVersions at an unsupported version, which gets {@code UNSUPPORTED_VERSION} at v0 as Kafka answers it. An error
 * in an {@code acks=0} produce closes the connection too.
 */
public final class KafkaRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaRequestHandler.class);

    /** How many Produce requests of one connection are served at once. */
    static final int MAX_PIPELINED_PRODUCES = 5;

    private final KafkaApis apis;
    private final BrokerNode node;
    private String clientHost;
    /** Frames read and not started yet. */
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    /** Requests started and not answered yet, in request order. */
    private final ArrayDeque<Served> served = new ArrayDeque<>();

    private boolean closed;
    /** Throttle times not yet over: nothing is read or started while above 0. */
    private int mutes;

    public KafkaRequestHandler(KafkaApis apis, BrokerNode node) {
        this.apis = apis;
        this.node = node;
    }

    /** One started request and, once its API completed, its outcome. */
    private static final class Served {
        final ByteBuf frame;
        final boolean produce;
        final ResponseBuffers buffers = new ResponseBuffers();
        /** Completed when the connection closes before the request is done (long polls stop waiting). */
        final CompletableFuture<Void> connectionClosed = new CompletableFuture<>();

        boolean abandoned;
        RequestHeader header;
        AbstractRequest request;
        boolean done;
        ApiMessage response;
        Throwable failure;
        /** The version and header version to answer with (ApiVersions falls back to v0). */
        short version;

        short headerVersion;

        Served(ByteBuf frame, boolean produce) {
            this.frame = frame;
            this.produce = produce;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        pending.add(frame);
        pump(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        ByteBuf frame;
        while ((frame = pending.poll()) != null) {
            frame.release();
        }
        // A request still being served may still be read by the store (produce records) or written by it (fetched
        // batches): complete() releases it once its API is done.
        Served request;
        while ((request = served.poll()) != null) {
            if (request.done) {
                release(request);
            } else {
                request.abandoned = true;
                request.connectionClosed.complete(null);
            }
        }
        ctx.fireChannelInactive();
    }

    /** Answers what completed in order, starts what may start, and reads on only when more could start. */
    private void pump(ChannelHandlerContext ctx) {
        while (!closed && !served.isEmpty() && served.peek().done) {
            answer(ctx, served.poll());
        }
        while (!closed && mutes == 0 && !pending.isEmpty() && ctx.channel().isWritable() && mayStart(pending.peek())) {
            start(ctx, pending.poll());
        }
        if (!closed && ctx.channel().isActive()) {
            boolean more = mutes == 0 && pending.isEmpty() && (served.isEmpty() || (allProduce() && room()));
            ctx.channel().config().setAutoRead(more && ctx.channel().isWritable());
        }
    }

    private boolean mayStart(ByteBuf frame) {
        return served.isEmpty() || (isProduce(frame) && allProduce() && room());
    }

    private boolean allProduce() {
        return !served.isEmpty() && served.peek().produce;
    }

    private boolean room() {
        return served.size() < MAX_PIPELINED_PRODUCES;
    }

    private static boolean isProduce(ByteBuf frame) {
        return frame.readableBytes() >= 2 && frame.getShort(frame.readerIndex()) == ApiKeys.PRODUCE.id;
    }

    private void start(ChannelHandlerContext ctx, ByteBuf frame) {
        Served request = new Served(frame, isProduce(frame));
        ByteBuffer buffer = frame.nioBuffer();
        try {
            request.header = RequestHeader.parse(buffer);
        } catch (RuntimeException e) {
            closeOn(ctx, frame, "cannot parse the request header", e);
            return;
        }
        ApiKeys key = request.header.apiKey();
        short version = request.header.apiVersion();
        if (!apis.supports(key, version)) {
            if (key == ApiKeys.API_VERSIONS) {
                served.add(request);
                complete(ctx, request, apis.apiVersions().response(Errors.UNSUPPORTED_VERSION), null, (short) 0, (short)
                        0);
            } else {
                closeOn(ctx, frame, key + " v" + version + " is not supported", null);
            }
            return;
        }
        try {
            request.request = AbstractRequest.parseRequest(key, version, new ByteBufferAccessor(buffer)).request;
        } catch (RuntimeException e) {
            closeOn(ctx, frame, "cannot parse " + key + " v" + version, e);
            return;
        }
        if (buffer.hasRemaining()) {
            closeOn(ctx, frame, key + " v" + version + " has " + buffer.remaining() + " trailing bytes", null);
            return;
        }
        served.add(request);
        CompletionStage<? extends ApiMessage> result;
        try {
            result = dispatch(
                    apis.api(key),
                    new RequestContext(
                            request.header,
                            node,
                            ctx.executor(),
                            request.buffers,
                            clientHost(ctx),
                            request.connectionClosed),
                    request.request);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Answered as the API's failure, so the frame is released with the response.
            result = CompletableFuture.failedFuture(e);
        }
        short headerVersion = key.responseHeaderVersion(version);
        result.whenComplete((data, failure) -> {
            if (ctx.executor().inEventLoop()) {
                complete(ctx, request, data, failure, version, headerVersion);
            } else {
                try {
                    ctx.executor().execute(() -> complete(ctx, request, data, failure, version, headerVersion));
                } catch (RejectedExecutionException stopped) {
                    // The event loop is gone (the gateway is stopping): nobody will answer, only the memory is left.
                    release(request);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <R extends AbstractRequest> CompletionStage<? extends ApiMessage> dispatch(
            KafkaApi<R> api, RequestContext context, AbstractRequest request) {
        return api.handle(context, (R) request);
    }

    private void complete(
            ChannelHandlerContext ctx,
            Served request,
            ApiMessage data,
            Throwable failure,
            short version,
            short headerVersion) {
        request.done = true;
        request.response = data;
        request.failure = failure;
        request.version = version;
        request.headerVersion = headerVersion;
        if (closed) {
            if (request.abandoned) {
                release(request); // channelInactive left it to us: nobody will answer it
            }
            return; // otherwise channelInactive, still to come, releases it
        }
        pump(ctx);
    }

    private void answer(ChannelHandlerContext ctx, Served request) {
        ByteBuf frame = request.frame;
        ApiMessage response = request.failure == null
                ? request.response
                : ErrorResponses.forFailure(request.request, request.failure);
        mute(ctx, throttleTimeMs(response));
        if (request.request instanceof ProduceRequest produce && produce.acks() == 0) {
            request.buffers.release();
            if (request.failure != null || hasError(response)) {
                closeOn(ctx, frame, "acks=0 produce failed", request.failure);
            } else {
                frame.release();
            }
            return;
        }
        if (response == null) {
            request.buffers.release();
            frame.release();
            return;
        }
        ByteBuf bytes;
        try {
            bytes = ResponseFrames.frame(
                    ctx.alloc(), request.header.correlationId(), request.headerVersion, response, request.version);
        } catch (RuntimeException e) {
            LOGGER.error("cannot serialize the {} v{} response", request.header.apiKey(), request.version, e);
            request.buffers.release();
            closeOn(ctx, frame, "cannot serialize the response", null);
            return;
        }
        ctx.writeAndFlush(bytes).addListener((ChannelFutureListener) written -> {
            frame.release();
            request.buffers.release();
            if (!written.isSuccess()) {
                written.channel().close();
            }
        });
    }

    /** Stops reading and starting requests for {@code throttleMs}, as Kafka mutes a throttled channel. */
    private void mute(ChannelHandlerContext ctx, int throttleMs) {
        if (throttleMs <= 0) {
            return;
        }
        mutes++;
        ctx.channel().config().setAutoRead(false);
        ctx.executor()
                .schedule(
                        () -> {
                            mutes--;
                            pump(ctx);
                        },
                        throttleMs,
                        TimeUnit.MILLISECONDS);
    }

    private static int throttleTimeMs(ApiMessage response) {
        if (response instanceof ProduceResponseData produce) {
            return produce.throttleTimeMs();
        }
        if (response instanceof FetchResponseData fetch) {
            return fetch.throttleTimeMs();
        }
        return 0;
    }

    private static void release(Served request) {
        request.frame.release();
        request.buffers.release();
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
        closed = true;
        LOGGER.debug("closing {}: {}", ctx.channel().remoteAddress(), why, cause);
        ctx.close();
    }

    /** Kafka's form of the client address: {@code InetAddress.toString()}, e.g. {@code /127.0.0.1}. */
    private String clientHost(ChannelHandlerContext ctx) {
        if (clientHost == null) {
            clientHost = ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address
                    ? String.valueOf(address.getAddress())
                    : String.valueOf(ctx.channel().remoteAddress());
        }
        return clientHost;
    }
}
