package io.shardgate.kafka.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The pipeline's tail: any exception that reached it (an oversized or corrupt frame, an I/O error) closes only this
 * connection, logged at debug (clients disconnecting is routine); so does the idle event of a connection without
 * traffic for {@code connectionsMaxIdleMs}, as Kafka closes idle connections.
 */
@ChannelHandler.Sharable
public final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionErrorHandler.class);

    public static final ConnectionErrorHandler INSTANCE = new ConnectionErrorHandler();

    private ConnectionErrorHandler() {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOGGER.debug("closing idle Kafka connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOGGER.debug("closing Kafka connection from {}", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
