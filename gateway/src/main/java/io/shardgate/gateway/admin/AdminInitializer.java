package io.shardgate.gateway.admin;

import java.util.concurrent.Executor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * Builds every admin connection's pipeline, in one place:
 *
 * <pre>
 * httpCodec → keepAlive → aggregator → adminRequest → errorLogger
 * </pre>
 */
public final class AdminInitializer extends ChannelInitializer<Channel> {

    public static final String HTTP_CODEC = "httpCodec";
    public static final String KEEP_ALIVE = "keepAlive";
    public static final String AGGREGATOR = "aggregator";
    public static final String ADMIN_REQUEST = "adminRequest";
    public static final String ERROR_LOGGER = "errorLogger";

    /** Admin requests are GETs: a body larger than this is refused with 413. */
    static final int MAX_CONTENT_BYTES = 64 * 1024;

    private final AdminRequestHandler requestHandler;
    private final ChannelGroup channels;

    /**
     * @param endpoints what the endpoints answer
     * @param executor where the endpoints run, off the I/O event loop; single-threaded to keep answers in order
     * @param channels collects every accepted connection, so that the listener can close them
     */
    public AdminInitializer(AdminEndpoints endpoints, Executor executor, ChannelGroup channels) {
        this.requestHandler = new AdminRequestHandler(endpoints, executor);
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast(HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_CONTENT_BYTES));
        pipeline.addLast(ADMIN_REQUEST, requestHandler);
        pipeline.addLast(ERROR_LOGGER, LoggingErrorHandler.INSTANCE);
    }
}
