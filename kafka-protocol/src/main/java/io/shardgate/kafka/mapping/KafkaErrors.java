package io.shardgate.kafka.mapping;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.shardgate.store.InvalidBatchException;
import io.shardgate.store.InvalidProducerEpochException;
import io.shardgate.store.InvalidStreamChangeException;
import io.shardgate.store.OffsetOutOfRangeException;
import io.shardgate.store.OutOfOrderSequenceException;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.ShardStoreException;
import io.shardgate.store.StoreClosedException;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.StreamExistsException;
import io.shardgate.store.UnknownShardException;
import io.shardgate.store.UnknownStreamException;

/**
 * The one place where failures become Kafka error codes: store exceptions by type, kafka-clients' own {@link
 * ApiException}s by {@link Errors#forException}, anything else {@link Errors#UNKNOWN_SERVER_ERROR}.
 */
public final class KafkaErrors {

    private KafkaErrors() {}

    /** The error code and message for a failure (unwrapping completion wrappers). */
    public static ApiError apiError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ShardStoreException storeFailure) {
            return new ApiError(forStoreException(storeFailure), cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new ApiError(Errors.INVALID_REQUEST, cause.getMessage());
        }
        Errors error = Errors.forException(cause);
        return new ApiError(error, error == Errors.UNKNOWN_SERVER_ERROR ? null : cause.getMessage());
    }

    /** The failure as the kafka-clients exception whose error code it maps to. */
    public static ApiException apiException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException apiException) {
            return apiException;
        }
        return apiError(cause).exception();
    }

    /** Store words → Kafka error codes. */
    public static Errors forStoreException(ShardStoreException failure) {
        if (failure instanceof UnknownStreamException || failure instanceof UnknownShardException) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (failure instanceof StreamExistsException) {
            return Errors.TOPIC_ALREADY_EXISTS;
        }
        if (failure instanceof InvalidBatchException) {
            return Errors.CORRUPT_MESSAGE;
        }
        if (failure instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        if (failure instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (failure instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (failure instanceof ShardClosedException) {
            // Non-retriable: the producer must not retry into a closed shard (DESIGN.md D4); the message names
            // the child shards.
            return Errors.INVALID_REQUEST;
        }
        if (failure instanceof InvalidStreamChangeException) {
            return Errors.INVALID_REQUEST;
        }
        if (failure instanceof StoreIoException || failure instanceof StoreClosedException) {
            return Errors.KAFKA_STORAGE_ERROR;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The cause behind {@code CompletionException} and {@code ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
