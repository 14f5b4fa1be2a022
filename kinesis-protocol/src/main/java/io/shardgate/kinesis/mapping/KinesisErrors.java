package io.shardgate.kinesis.mapping;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JacksonException;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.InvalidStreamChangeException;
import io.shardgate.store.ShardClosedException;
import io.shardgate.store.StoreClosedException;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.StreamExistsException;
import io.shardgate.store.UnknownShardException;
import io.shardgate.store.UnknownStreamException;

/**
 * The one place where failures become Kinesis errors: {@link KinesisException}s as they are, store exceptions by
 * type (a stream or shard that vanished between look-up and use is {@code ResourceNotFoundException}), an unparsable
 * body {@code SerializationException}, anything else {@code InternalFailure} with AWS's generic message (the cause
 * is logged, never sent).
 */
public final class KinesisErrors {

    /** AWS's message for a 500. */
    public static final String INTERNAL_FAILURE_MESSAGE = "Internal service failure.";

    private KinesisErrors() {}

    /** The Kinesis error a failure is answered with (unwrapping completion wrappers). */
    public static KinesisException toKinesis(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof KinesisException kinesis) {
            return kinesis;
        }
        if (cause instanceof UnknownStreamException || cause instanceof UnknownShardException) {
            return new KinesisException(KinesisError.RESOURCE_NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof StreamExistsException) {
            return new KinesisException(KinesisError.RESOURCE_IN_USE, cause.getMessage());
        }
        if (cause instanceof ShardClosedException || cause instanceof InvalidStreamChangeException) {
            return new KinesisException(KinesisError.RESOURCE_IN_USE, cause.getMessage());
        }
        if (cause instanceof StoreClosedException || cause instanceof StoreIoException) {
            return new KinesisException(KinesisError.SERVICE_UNAVAILABLE, "Service unavailable.");
        }
        if (cause instanceof JacksonException json) {
            return new KinesisException(KinesisError.SERIALIZATION, serializationMessage(json));
        }
        return new KinesisException(KinesisError.INTERNAL_FAILURE, INTERNAL_FAILURE_MESSAGE);
    }

    /** Whether the failure is ours rather than the caller's (worth logging). */
    public static boolean isServerFault(Throwable failure) {
        return toKinesis(failure).error().httpStatus() >= 500;
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

    private static String serializationMessage(JacksonException json) {
        String message = json.getOriginalMessage();
        if (message == null) {
            return "Unable to parse the request body.";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
