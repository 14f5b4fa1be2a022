package io.shardgate.kafka.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.requests.ResponseHeader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Serializes a response into one size-prefixed frame without copying its record sets: kafka-clients'
 * {@link SendBuilder} writes the header and the fields into small buffers and hands record buffers over as they are
 * (as Apache Kafka's broker does before it sends them with {@code sendfile}); each becomes a component of one
 * composite {@link ByteBuf}. Heap parts are copied into pooled direct memory, so that a frame whose record sets are
 * direct (fetched batches) is all direct and the socket write gathers it as it is, without a further copy. The record
 * buffers must stay unchanged until the frame is written.
 */
public final class ResponseFrames {
    private ResponseFrames() {}

    /** The framed response: 4-byte size, response header, body. */
    public static ByteBuf frame(
            ByteBufAllocator allocator, int correlationId, short headerVersion, ApiMessage response, short version) {
        ResponseHeader header =
                new ResponseHeader(new ResponseHeaderData().setCorrelationId(correlationId), headerVersion);
        Send send = SendBuilder.buildResponseSend(header, response, version);
        Collector collector = new Collector(allocator);
        try {
            while (!send.completed()) {
                send.writeTo(collector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the collector never fails
        }
        return collector.frame;
    }

    /** A channel that keeps what is written to it as composite components, without copying. */
    private static final class Collector implements TransferableChannel {
        final ByteBufAllocator allocator;
        final CompositeByteBuf frame = Unpooled.compositeBuffer(Integer.MAX_VALUE);

        Collector(ByteBufAllocator allocator) {
            this.allocator = allocator;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            int size = source.remaining();
            if (size > 0) {
                ByteBuf part = source.isDirect()
                        ? Unpooled.wrappedBuffer(source.slice())
                        : allocator.directBuffer(size, size).writeBytes(source.slice());
                frame.addComponent(true, part);
                source.position(source.limit());
            }
            return size;
        }

        @Override
        public boolean hasPendingWrites() {
            return false;
        }

        @Override
        public long transferFrom(FileChannel fileChannel, long position, long count) {
            throw new UnsupportedOperationException("responses hold no file regions");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
