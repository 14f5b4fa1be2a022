package io.shardgate.kafka.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

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
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCountUtil;

/**
 * Serializes a response into one size-prefixed frame without copying its record sets: kafka-clients'
 * {@link SendBuilder} writes the header and the fields into small buffers and hands record buffers over as they are
 * (as Apache Kafka's broker does before it sends them with {@code sendfile}); each becomes a component of a composite
 * {@link ByteBuf}. Heap parts are copied into pooled direct memory, so that a frame whose record sets are direct
 * (fetched batches) is all direct and the socket write gathers it as it is, without a further copy. Record sets that
 * are regions of a file (fetched batches the store left in its data file, ADR 0006) become Netty {@link FileRegion}s
 * between the buffers, sent with {@code sendfile}; the file channel is shared and is never closed by them. The record
 * buffers and file regions must stay unchanged until the frame is written.
 */
public final class ResponseFrames {
    private ResponseFrames() {}

    /**
     * The framed response (4-byte size, response header, body) as the messages to write in order: one {@link ByteBuf}
     * unless the response has file regions, else buffers and {@link FileRegion}s. The caller writes all of them.
     */
    public static List<Object> frame(
            ByteBufAllocator allocator, int correlationId, short headerVersion, ApiMessage response, short version) {
        ResponseHeader header =
                new ResponseHeader(new ResponseHeaderData().setCorrelationId(correlationId), headerVersion);
        Send send = SendBuilder.buildResponseSend(header, response, version);
        Collector collector = new Collector(allocator);
        try {
            while (!send.completed()) {
                send.writeTo(collector);
            }
        } catch (IOException | RuntimeException e) {
            collector.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return collector.messages();
    }

    /** A region of a shared file channel: releasing it leaves the channel open. */
    static final class SharedFileRegion extends DefaultFileRegion {
        SharedFileRegion(FileChannel file, long position, long count) {
            super(file, position, count);
        }

        @Override
        protected void deallocate() {
            // The channel belongs to the store and serves every region: not ours to close.
        }
    }

    /** A channel that keeps what is written to it as composite components and file regions, without copying. */
    private static final class Collector implements TransferableChannel {
        final ByteBufAllocator allocator;
        final List<Object> done = new ArrayList<>();
        CompositeByteBuf frame = Unpooled.compositeBuffer(Integer.MAX_VALUE);

        List<Object> messages() {
            if (frame.numComponents() > 0 || done.isEmpty()) {
                done.add(frame);
            } else {
                frame.release();
            }
            frame = null;
            return done;
        }

        void release() {
            if (frame != null) {
                frame.release();
            }
            done.forEach(ReferenceCountUtil::release);
        }

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
            if (count > 0) {
                if (frame.numComponents() > 0) {
                    done.add(frame);
                    frame = Unpooled.compositeBuffer(Integer.MAX_VALUE);
                }
                done.add(new SharedFileRegion(fileChannel, position, count));
            }
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
