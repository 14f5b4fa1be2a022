package io.shardgate.kafka.api;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct memory that one request's response refers to (fetched record batches), and the store leases on the file
 * regions it sends: an API lends the memory to the store, the response's frame sends it without another copy, and
 * the pipeline releases it all once the response is written or the connection is gone. Thread-safe: the store fills buffers on its own threads.
 */
public final class ResponseBuffers {
    private final DirectBufferPool pool;
    private final List<ByteBuffer> lent = new ArrayList<>();
    private final List<AutoCloseable> kept = new ArrayList<>();
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

    /**
     * Closes {@code resource} (a store read's lease on the file regions the response sends) with the buffers, or at
     * once if they were already released.
     */
    public void keep(AutoCloseable resource) {
        synchronized (this) {
            if (!released) {
                kept.add(resource);
                return;
            }
        }
        close(resource);
    }

    /** Gives every buffer lent back to the pool and closes what was kept; idempotent. */
    public void release() {
        List<ByteBuffer> toRelease;
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            toRelease = new ArrayList<>(lent);
            lent.clear();
            toClose = new ArrayList<>(kept);
            kept.clear();
        }
        toRelease.forEach(pool::give);
        toClose.forEach(ResponseBuffers::close);
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release " + resource, e);
        }
    }
}
