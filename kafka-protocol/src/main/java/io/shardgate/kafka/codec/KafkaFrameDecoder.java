package io.shardgate.kafka.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the inbound byte stream into Kafka request frames (a 4-byte big-endian size, then that many bytes) and
 * emits each frame's bytes, without the size, as a retained slice that the next handler must release. The size is
 * checked against the cap ({@code socket.request.max.bytes}) before a single byte of the frame is buffered: a
 * negative or oversized size fails the decoder, and the pipeline closes the connection.
 */
public final class KafkaFrameDecoder extends ByteToMessageDecoder {

    /** Kafka's default {@code socket.request.max.bytes}, 100 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;

    private static final int SIZE_BYTES = 4;

    private final int maxFrameBytes;

    public KafkaFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < SIZE_BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0) {
            in.skipBytes(in.readableBytes());
            throw new CorruptedFrameException("negative frame size " + size);
        }
        if (size > maxFrameBytes) {
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException(
                    "frame of " + size + " bytes exceeds socket.request.max.bytes (" + maxFrameBytes + ")");
        }
        if (in.readableBytes() < SIZE_BYTES + size) {
            return;
        }
        in.skipBytes(SIZE_BYTES);
        out.add(in.readRetainedSlice(size));
    }
}
