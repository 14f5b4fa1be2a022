package io.shardgate.kafka.codec;

import java.nio.ByteBuffer;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/** Frames a serialized response (header and body) with its 4-byte size, without copying the body. */
@ChannelHandler.Sharable
public final class KafkaFrameEncoder extends MessageToMessageEncoder<ByteBuffer> {

    public static final KafkaFrameEncoder INSTANCE = new KafkaFrameEncoder();

    private KafkaFrameEncoder() {
        super(ByteBuffer.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuffer frame, List<Object> out) {
        ByteBuf size = ctx.alloc().buffer(4).writeInt(frame.remaining());
        out.add(Unpooled.wrappedBuffer(size, Unpooled.wrappedBuffer(frame)));
    }
}
