package io.shardgate.kinesis.http;

import java.io.OutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * An output stream into pooled buffers of a fixed size, gathered in a {@link CompositeByteBuf}: a response of any
 * size is written once and never copied to grow (a 10 MiB GetRecords answer in one growing buffer was copied about
 * twice over, and its largest steps were fresh unpooled memory). The first chunk is small, as most answers are.
 * Not thread-safe; {@link #finish()} or {@link #discard()} exactly once.
 */
final class PooledOutput extends OutputStream {

    private static final int FIRST_CHUNK = 8 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final ByteBufAllocator alloc;
    private final CompositeByteBuf chunks;
    private ByteBuf current;

    PooledOutput(ByteBufAllocator alloc) {
        this.alloc = alloc;
        this.chunks = alloc.compositeBuffer(Integer.MAX_VALUE);
    }

    @Override
    public void write(int b) {
        writable().writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            ByteBuf chunk = writable();
            int n = Math.min(length, chunk.writableBytes());
            chunk.writeBytes(bytes, offset, n);
            offset += n;
            length -= n;
        }
    }

    /** Everything written, as one buffer the caller now owns. */
    ByteBuf finish() {
        if (chunks.numComponents() == 0 && current != null) {
            chunks.release();
            ByteBuf only = current;
            current = null;
            return only;
        }
        seal();
        return chunks;
    }

    /** Releases everything written. */
    void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
        chunks.release();
    }

    private ByteBuf writable() {
        if (current == null || !current.isWritable()) {
            int size = current == null && chunks.numComponents() == 0 ? FIRST_CHUNK : CHUNK;
            seal();
            current = alloc.buffer(size, size);
        }
        return current;
    }

    private void seal() {
        if (current != null) {
            chunks.addComponent(true, current);
            current = null;
        }
    }
}
