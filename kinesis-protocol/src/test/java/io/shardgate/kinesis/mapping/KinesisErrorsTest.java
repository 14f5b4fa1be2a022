package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParseException;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.InvalidStreamChangeException;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.StoreClosedException;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.StreamExistsException;
import io.shardgate.store.UnknownShardException;
import io.shardgate.store.UnknownStreamException;

/** The one failure → Kinesis error mapping, wrappers included; nothing unexpected leaks its message. */
class KinesisErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new KinesisException(KinesisError.EXPIRED_ITERATOR, "x"), KinesisError.EXPIRED_ITERATOR),
                Arguments.of(new UnknownStreamException("gone"), KinesisError.RESOURCE_NOT_FOUND),
                Arguments.of(new UnknownShardException("gone"), KinesisError.RESOURCE_NOT_FOUND),
                Arguments.of(new StreamExistsException("taken"), KinesisError.RESOURCE_IN_USE),
                Arguments.of(new ShardClosedException("closed"), KinesisError.RESOURCE_IN_USE),
                Arguments.of(new InvalidStreamChangeException("bad"), KinesisError.RESOURCE_IN_USE),
                Arguments.of(new StoreClosedException("closed"), KinesisError.SERVICE_UNAVAILABLE),
                Arguments.of(new StoreIoException("disk", null), KinesisError.SERVICE_UNAVAILABLE),
                Arguments.of(
                        new JsonParseException(null, "Unexpected character\n at [Source]"), KinesisError.SERIALIZATION),
                Arguments.of(new IllegalStateException("secret detail"), KinesisError.INTERNAL_FAILURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void shouldMapEachFailureWhenItArrivesWrappedOrNot(Throwable failure, KinesisError expected) {
        // When
        KinesisException direct = KinesisErrors.toKinesis(failure);
        KinesisException wrapped = KinesisErrors.toKinesis(new CompletionException(failure));

        // Then
        assertThat(direct.error()).isEqualTo(expected);
        assertThat(wrapped.error()).isEqualTo(expected);
        assertThat(direct.getMessage()).doesNotContain("secret detail").doesNotContain("\n");
    }
}
