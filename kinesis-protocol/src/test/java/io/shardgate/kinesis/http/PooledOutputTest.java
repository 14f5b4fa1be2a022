package io.shardgate.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledHeapByteBuf;

class PooledOutputTest {

    /** Tracks every buffer handed out, to check that all of them are released. */
    private final List<ByteBuf> allocated = new ArrayList<>();

    private final ByteBufAllocator alloc = new AbstractByteBufAllocator(false) {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf buffer = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(buffer);
            return buffer;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8 * 1024 - 1, 8 * 1024, 8 * 1024 + 1, 200_000, 1_000_000})
    void shouldHoldEverythingWrittenInOrderAndReleaseIt(int length) {
        // Given
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        PooledOutput out = new PooledOutput(alloc);

        // When: written in odd pieces and single bytes
        int at = 0;
        while (at < length) {
            if (at % 7 == 0) {
                out.write(data[at++]);
            } else {
                int n = Math.min(length - at, 3_001);
                out.write(data, at, n);
                at += n;
            }
        }
        ByteBuf content = out.finish();

        // Then
        assertThat(ByteBufUtil.getBytes(content)).isEqualTo(data);
        assertThat(allocated).allSatisfy(chunk -> assertThat(chunk.capacity()).isLessThanOrEqualTo(64 * 1024));
        content.release();
        assertThat(allocated).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 100_000})
    void shouldReleaseEverythingWhenDiscarded(int length) {
        PooledOutput out = new PooledOutput(alloc);
        out.write(new byte[length], 0, length);

        out.discard();

        assertThat(allocated).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
    }
}
