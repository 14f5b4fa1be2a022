package io.shardgate.kinesis.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The pipeline's tail: an exception that reached it (a broken connection, an HTTP/2 protocol error) closes only this
 * channel, logged at debug; messages nobody handled (HTTP/2 connection frames) are released.
 */
@ChannelHandler.Sharable
public final class KinesisErrorLogger extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(KinesisErrorLogger.class);

    public static final KinesisErrorLogger INSTANCE = new KinesisErrorLogger();

    private KinesisErrorLogger() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOGGER.debug("closing Kinesis channel {}", ctx.channel(), cause);
        ctx.close();
    }
}
