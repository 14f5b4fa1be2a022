package io.shardgate.kafka.api;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct buffers for fetched record batches, kept for reuse by power-of-two size class up to a bound. Fetch responses
 * are large (up to a MiB per partition) and short-lived; Netty's pooled allocator frees a chunk as soon as it empties,
 * so that workload allocated and zeroed a new chunk for nearly every fetch. Here a released buffer waits for the next
 * fetch of its size class instead; beyond {@link #maxPooledBytes} released buffers are left to the garbage collector.
 */
final class DirectBufferPool {
    static final DirectBufferPool SHARED = new DirectBufferPool(128L * 1024 * 1024);

    private static final int MIN_CLASS = 16; // 64 KiB
    private static final int MAX_CLASS = 30; // 1 GiB

    private final long maxPooledBytes;
    private final AtomicLong pooledBytes = new AtomicLong();

    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedQueue<ByteBuffer>[] classes = new ConcurrentLinkedQueue[MAX_CLASS + 1];

    DirectBufferPool(long maxPooledBytes) {
        this.maxPooledBytes = maxPooledBytes;
        for (int i = MIN_CLASS; i <= MAX_CLASS; i++) {
            classes[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /** A cleared direct buffer of at least {@code size} bytes. */
    ByteBuffer take(int size) {
        int sizeClass = sizeClass(size);
        ByteBuffer buffer = classes[sizeClass].poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(1 << sizeClass);
        }
        pooledBytes.addAndGet(-buffer.capacity());
        return buffer.clear();
    }

    /** Gives a buffer from {@link #take} back; it must no longer be used. */
    void give(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (Integer.bitCount(capacity) != 1 || capacity < (1 << MIN_CLASS)) {
            return;
        }
        if (pooledBytes.addAndGet(capacity) > maxPooledBytes) {
            pooledBytes.addAndGet(-capacity);
            return;
        }
        classes[Integer.numberOfTrailingZeros(capacity)].offer(buffer);
    }

    long pooledBytes() {
        return pooledBytes.get();
    }

    private static int sizeClass(int size) {
        int sizeClass = Math.max(MIN_CLASS, 32 - Integer.numberOfLeadingZeros(Math.max(1, size) - 1));
        if (sizeClass > MAX_CLASS) {
            throw new IllegalArgumentException("a fetch buffer of " + size + " bytes is too large");
        }
        return sizeClass;
    }
}
