package io.shardgate.gateway.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Builds every admin connection's pipeline, in one place:
 *
 * <pre>
 * httpCodec → keepAlive → aggregator → adminRequest (on the worker executor) → errorLogger
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
    private final EventExecutorGroup workers;
    private final ChannelGroup channels;

    /**
     * @param endpoints what the endpoints answer
     * @param workers where the request handler runs, off the I/O event loop
     * @param channels collects every accepted connection, so that the listener can close them
     */
    public AdminInitializer(AdminEndpoints endpoints, EventExecutorGroup workers, ChannelGroup channels) {
        this.requestHandler = new AdminRequestHandler(endpoints);
        this.workers = workers;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast(HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_CONTENT_BYTES));
        pipeline.addLast(workers, ADMIN_REQUEST, requestHandler);
        pipeline.addLast(ERROR_LOGGER, LoggingErrorHandler.INSTANCE);
    }
}
