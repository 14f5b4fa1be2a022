package io.shardgate.kafka.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

class KafkaFrameDecoderTest {

    @Test
    void shouldEmitOneFrameWhenItArrivesInPieces() {
        // Given
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(16));

        // When
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 3, 1}));
        assertThat(channel.inboundMessages()).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {2, 3, 0, 0}));

        // Then
        ByteBuf frame = channel.readInbound();
        assertThat(frame.readableBytes()).isEqualTo(3);
        assertThat(frame.getByte(2)).isEqualTo((byte) 3);
        frame.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void shouldFailBeforeBufferingWhenTheSizeExceedsTheCap() {
        // Given
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(16));

        // When / Then
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 17})))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("socket.request.max.bytes");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldFailWhenTheSizeIsNegative() {
        // Given
        EmbeddedChannel channel = new EmbeddedChannel(new KafkaFrameDecoder(16));

        // When / Then
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {-1, 0, 0, 0})))
                .isInstanceOf(CorruptedFrameException.class);
        channel.finishAndReleaseAll();
    }
}
