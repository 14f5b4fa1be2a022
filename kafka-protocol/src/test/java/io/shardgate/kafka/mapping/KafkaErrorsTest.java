package io.shardgate.kafka.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import io.shardgate.store.InvalidBatchException;
import io.shardgate.store.InvalidProducerEpochException;
import io.shardgate.store.OffsetOutOfRangeException;
import io.shardgate.store.OutOfOrderSequenceException;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.UnknownStreamException;

class KafkaErrorsTest {

    @Test
    void shouldMapEveryStoreFailureToKafkasErrorCode() {
        assertThat(KafkaErrors.apiError(new UnknownStreamException("x")).error())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(KafkaErrors.apiError(new InvalidBatchException("x")).error()).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(KafkaErrors.apiError(new OffsetOutOfRangeException("x", 0, 0))
                        .error())
                .isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
        assertThat(KafkaErrors.apiError(new OutOfOrderSequenceException("x")).error())
                .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(KafkaErrors.apiError(new InvalidProducerEpochException("x")).error())
                .isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
        assertThat(KafkaErrors.apiError(new StoreIoException("x", new RuntimeException()))
                        .error())
                .isEqualTo(Errors.KAFKA_STORAGE_ERROR);
        assertThat(KafkaErrors.apiError(new ShardClosedException("x")).error().exception())
                .isNotInstanceOf(org.apache.kafka.common.errors.RetriableException.class);
    }

    @Test
    void shouldUnwrapCompletionExceptionsWhenMapping() {
        // Given
        Throwable wrapped = new CompletionException(new CorruptRecordException("bad crc"));

        // When / Then
        assertThat(KafkaErrors.apiError(wrapped).error()).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(KafkaErrors.apiError(new IllegalStateException("boom")).error())
                .isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
    }
}
