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
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
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
    private final SslContext tls;

    /** A cleartext initializer; see {@link #KinesisInitializer(KinesisDispatcher, int, ChannelGroup, SslContext)}. */
    public KinesisInitializer(KinesisDispatcher dispatcher, int maxRequestBytes, ChannelGroup channels) {
        this(dispatcher, maxRequestBytes, channels, null);
    }

    /**
     * @param maxRequestBytes the largest request body; larger ones get 413
     * @param channels where connections register so that closing the listener closes them
     * @param tls the server TLS context with ALPN, or null for cleartext
     */
    public KinesisInitializer(
            KinesisDispatcher dispatcher, int maxRequestBytes, ChannelGroup channels, SslContext tls) {
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        this.channels = channels;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
            pipeline.addLast("alpn", new AlpnNegotiator());
            pipeline.addLast("errors", KinesisErrorLogger.INSTANCE);
            return;
        }
        pipeline.addLast("errors", KinesisErrorLogger.INSTANCE);
        configureDetection(pipeline, "errors");
    }

    /**
     * Before the handler named {@code before}: the detection of HTTP/2 by its preface (prior knowledge) or by
     * {@code Upgrade: h2c}, falling back to HTTP/1.1 at the first HTTP/1.1 request.
     */
    void configureDetection(ChannelPipeline pipeline, String before) {
        HttpServerCodec httpCodec = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(
                httpCodec,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(
                                Http2FrameCodecBuilder.forServer().build(), new Http2MultiplexHandler(streams()))
                        : null,
                maxRequestBytes);
        pipeline.addBefore(
                before, "h2c", new CleartextHttp2ServerUpgradeHandler(httpCodec, upgrade, new Http2PriorKnowledge()));
        pipeline.addBefore(before, "http1", new Http1Detector());
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
     * After the TLS handshake: the HTTP/2 or HTTP/1.1 stages by the protocol ALPN agreed on. A client that offered no
     * ALPN (the AWS SDK's Netty client assumes h2 by default) gets the same detection as cleartext: the h2 preface
     * or HTTP/1.1.
     */
    private final class AlpnNegotiator extends ApplicationProtocolNegotiationHandler {
        AlpnNegotiator() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            ChannelPipeline pipeline = ctx.pipeline();
            SslHandler ssl = pipeline.get(SslHandler.class);
            if (ssl != null && ssl.applicationProtocol() == null) {
                configureDetection(pipeline, "errors");
            } else if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                configureHttp2(pipeline, ctx.name());
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                pipeline.addAfter(ctx.name(), "httpCodec", new HttpServerCodec());
                configureHttp1(pipeline, "httpCodec");
            } else {
                throw new IllegalStateException("unexpected ALPN protocol " + protocol);
            }
        }
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
