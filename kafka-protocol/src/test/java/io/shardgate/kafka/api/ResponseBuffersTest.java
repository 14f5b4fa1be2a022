package io.shardgate.kafka.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class ResponseBuffersTest {

    @Test
    void shouldLendExactlySizedDirectBuffersAndReuseThemOnlyAfterRelease() {
        DirectBufferPool pool = new DirectBufferPool(1 << 22);
        ResponseBuffers first = new ResponseBuffers(pool);

        ByteBuffer a = first.allocate(100_000);
        ByteBuffer b = first.allocate(10);
        assertThat(a.isDirect()).isTrue();
        assertThat(a.position()).isZero();
        assertThat(a.remaining()).isEqualTo(100_000);
        assertThat(b.remaining()).isEqualTo(10);
        assertThat(pool.pooledBytes()).isZero();

        first.release();
        first.release(); // idempotent
        assertThat(pool.pooledBytes()).isEqualTo((1 << 17) + (1 << 16));
        assertThatThrownBy(() -> first.allocate(1)).isInstanceOf(IllegalStateException.class);

        // A later response gets the released memory back, cleared to its size
        ResponseBuffers second = new ResponseBuffers(pool);
        ByteBuffer c = second.allocate(120_000);
        assertThat(c.remaining()).isEqualTo(120_000);
        assertThat(pool.pooledBytes()).isEqualTo(1 << 16);
    }

    @Test
    void shouldKeepNoMoreThanItsBound() {
        DirectBufferPool pool = new DirectBufferPool(1 << 17);
        ResponseBuffers buffers = new ResponseBuffers(pool);
        buffers.allocate(1 << 17);
        buffers.allocate(1 << 17);
        buffers.release();
        assertThat(pool.pooledBytes()).isEqualTo(1 << 17);
    }
}
