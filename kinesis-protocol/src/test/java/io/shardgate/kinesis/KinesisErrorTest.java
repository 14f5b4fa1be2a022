package io.shardgate.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class KinesisErrorTest {

    @Test
    void wireNamesAreUniqueAndStatusesAreAws() {
        assertThat(Arrays.stream(KinesisError.values()).map(KinesisError::wireName))
                .doesNotHaveDuplicates();
        assertThat(KinesisError.RESOURCE_NOT_FOUND.wireName()).isEqualTo("ResourceNotFoundException");
        assertThat(KinesisError.EXPIRED_ITERATOR.wireName()).isEqualTo("ExpiredIteratorException");
        assertThat(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.httpStatus()).isEqualTo(400);
        assertThat(KinesisError.VALIDATION.httpStatus()).isEqualTo(400);
        assertThat(KinesisError.INTERNAL_FAILURE.wireName()).isEqualTo("InternalFailure");
        assertThat(KinesisError.INTERNAL_FAILURE.httpStatus()).isEqualTo(500);
    }

    @Test
    void exceptionCarriesTypeAndMessage() {
        KinesisException e = new KinesisException(KinesisError.LIMIT_EXCEEDED, "Rate exceeded");
        assertThat(e.error()).isEqualTo(KinesisError.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("Rate exceeded");
        assertThat(e).hasToString("LimitExceededException: Rate exceeded");
    }
}
