package io.shardgate.kafka.api;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct memory that one request's response refers to (fetched record batches): an API lends it to the store, the
 * response's frame sends it without another copy, and the pipeline releases it all once the response is written or
 * the connection is gone. Thread-safe: the store fills buffers on its own threads.
 */
public final class ResponseBuffers {
    private final DirectBufferPool pool;
    private final List<ByteBuffer> lent = new ArrayList<>();
    private boolean released;

    public ResponseBuffers() {
        this(DirectBufferPool.SHARED);
    }

    ResponseBuffers(DirectBufferPool pool) {
        this.pool = pool;
    }

    /** A direct buffer with exactly {@code size} bytes remaining, position 0, released with the others. */
    public ByteBuffer allocate(int size) {
        ByteBuffer buffer = pool.take(size);
        synchronized (this) {
            if (released) {
                pool.give(buffer);
                throw new IllegalStateException("the response was already sent");
            }
            lent.add(buffer);
        }
        return buffer.duplicate().clear().limit(size).slice();
    }

    /** Gives every buffer lent back to the pool; idempotent. */
    public void release() {
        List<ByteBuffer> toRelease;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            toRelease = new ArrayList<>(lent);
            lent.clear();
        }
        toRelease.forEach(pool::give);
    }
}
