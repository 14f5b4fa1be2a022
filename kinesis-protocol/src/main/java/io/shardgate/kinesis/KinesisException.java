package io.shardgate.kinesis;

import java.util.Objects;

/**
 * A whole-call Kinesis failure: the error type and the message to send, exactly as AWS words it. Per-record outcomes
 * (inside PutRecords) are data, not this exception.
 */
public final class KinesisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final KinesisError error;

    public KinesisException(KinesisError error, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public KinesisError error() {
        return error;
    }

    @Override
    public String toString() {
        return error.wireName() + ": " + getMessage();
    }
}
