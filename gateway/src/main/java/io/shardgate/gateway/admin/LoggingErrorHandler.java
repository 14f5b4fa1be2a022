package io.shardgate.gateway.admin;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The tail of the pipeline: logs an exception no handler dealt with and closes the connection. A peer resetting
 * the connection is routine and logged at debug level only.
 */
@ChannelHandler.Sharable
final class LoggingErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoggingErrorHandler.class);

    static final LoggingErrorHandler INSTANCE = new LoggingErrorHandler();

    private LoggingErrorHandler() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOGGER.debug("admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOGGER.warn("admin connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
