package io.shardgate.kinesis.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;

/**
 * Builds every Kinesis connection's pipeline, in one place, with named handlers. One port speaks:
 *
 * <ul>
 *   <li>HTTP/1.1 with keep-alive: {@code httpCodec} → {@code expectContinue} → {@code aggregator} →
 *       {@code keepAlive} → {@code requests};
 *   <li>HTTP/2 cleartext by prior knowledge (the client starts with the h2 preface) or by {@code Upgrade: h2c}:
 *       {@code h2Frames} ({@link io.netty.handler.codec.http2.Http2FrameCodec}) → {@code h2Streams}
 *       ({@link Http2MultiplexHandler}), and each stream gets a child pipeline {@code h2ToHttp} →
 *       {@code aggregator} → {@code requests}, so that the same {@link KinesisRequestHandler} serves both versions.
 * </ul>
 *
 * <p>TLS goes in front of all of this when it comes: an {@code SslHandler} named {@code tls}, then an ALPN handler
 * that calls {@link #configureHttp2(ChannelPipeline, String)} for {@code h2}, or adds an {@code HttpServerCodec} and
 * calls {@link #configureHttp1(ChannelPipeline, String)} for {@code http/1.1}, instead of the cleartext detection in {@link #initChannel}.
 */
public final class KinesisInitializer extends ChannelInitializer<Channel> {

    private final KinesisDispatcher dispatcher;
    private final int maxRequestBytes;
    private final ChannelGroup channels;

    /**
     * @param maxRequestBytes the largest request body; larger ones get 413
     * @param channels where connections register so that closing the listener closes them
     */
    public KinesisInitializer(KinesisDispatcher dispatcher, int maxRequestBytes, ChannelGroup channels) {
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        HttpServerCodec httpCodec = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(
                httpCodec,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(
                                Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(streams()))
                        : null,
                maxRequestBytes);
        pipeline.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(httpCodec, upgrade, new Http2PriorKnowledge()));
        pipeline.addLast("http1", new Http1Detector());
        pipeline.addLast("errors", KinesisErrorLogger.INSTANCE);
    }

    /** The HTTP/2 stages of a connection after the handler named {@code after}: frames, then one child per stream. */
    void configureHttp2(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "h2Frames", Http2FrameCodecBuilder.forServer().build());
        pipeline.addAfter("h2Frames", "h2Streams", new Http2MultiplexHandler(streams()));
    }

    /** The HTTP/1.1 stages after the codec. */
    void configureHttp1(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "expectContinue", new HttpServerExpectContinueHandler());
        pipeline.addAfter("expectContinue", "aggregator", new KinesisRequestAggregator(maxRequestBytes));
        pipeline.addAfter("aggregator", "keepAlive", new HttpServerKeepAliveHandler());
        pipeline.addAfter("keepAlive", "requests", new KinesisRequestHandler(dispatcher));
    }

    private ChannelInitializer<Http2StreamChannel> streams() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline()
                        .addLast("h2ToHttp", new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast("aggregator", new KinesisRequestAggregator(maxRequestBytes))
                        .addLast("requests", new KinesisRequestHandler(dispatcher))
                        .addLast("errors", KinesisErrorLogger.INSTANCE);
            }
        };
    }

    /**
     * Put in place of the cleartext detection when the client opened with the HTTP/2 preface: installs the HTTP/2
     * stages where it stands (before {@code http1} and the tail) and leaves.
     */
    private final class Http2PriorKnowledge extends ChannelHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            configureHttp2(ctx.pipeline(), ctx.name());
            ctx.pipeline().remove(this);
        }
    }

    /**
     * Sits after the cleartext HTTP/2 detection; the first HTTP/1.1 message proves no HTTP/2 is coming, so it puts
     * the HTTP/1.1 stages in its place and passes the message on.
     */
    private final class Http1Detector extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpMessage) {
                ChannelPipeline pipeline = ctx.pipeline();
                configureHttp1(pipeline, ctx.name());
                pipeline.remove(this);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
