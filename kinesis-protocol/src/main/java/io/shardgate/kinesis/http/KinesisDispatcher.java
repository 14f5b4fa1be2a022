package io.shardgate.kinesis.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.operation.KinesisOperation;
import io.shardgate.kinesis.operation.KinesisOperations;
import io.shardgate.kinesis.operation.RequestContext;

/**
 * Target and content-type dispatch: finds the operation {@code X-Amz-Target} names, decodes the body into its input
 * shape (a JSON PutRecords body first through {@link PutRecordsJson}'s fast path) and runs it. Thread-safe; runs on the event loop and never blocks.
 */
public final class KinesisDispatcher {

    private final KinesisOperations operations;

    public KinesisDispatcher(KinesisOperations operations) {
        this.operations = operations;
    }

    /** The operation a target names. */
    public KinesisOperation<?, ?> operation(String target) {
        if (target == null || target.isEmpty()) {
            throw new KinesisException(KinesisError.UNKNOWN_OPERATION, "Missing X-Amz-Target header.");
        }
        if (!target.startsWith(KinesisOperations.TARGET_PREFIX)) {
            throw new KinesisException(KinesisError.UNKNOWN_OPERATION, "Unknown target " + target + ".");
        }
        String name = target.substring(KinesisOperations.TARGET_PREFIX.length());
        return operations
                .find(name)
                .orElseThrow(
                        () -> new KinesisException(KinesisError.UNKNOWN_OPERATION, "Unknown operation " + name + "."));
    }

    /**
     * Decodes {@code body} (an empty body is {@code {}}) and runs the operation. Decoding failures complete the
     * stage with a {@code SerializationException}.
     */
    public CompletionStage<Object> dispatch(
            KinesisOperation<?, ?> operation, WireFormat format, ByteBuf body, RequestContext context) {
        return run(operation, format, body, context);
    }

    private static <I, O> CompletionStage<Object> run(
            KinesisOperation<I, O> operation, WireFormat format, ByteBuf body, RequestContext context) {
        I input;
        try {
            input = decode(operation.inputType(), format, body);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(KinesisErrors.toKinesis(e));
        }
        try {
            return operation.execute(input, context).thenApply(output -> (Object) output);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@code body} decoded into {@code type} (an empty body is {@code {}}), as requests are. */
    public static <I> I decode(Class<I> type, WireFormat format, ByteBuf body) throws IOException {
        if (!body.isReadable()) {
            return WireFormat.JSON.mapper().readValue("{}", type);
        }
        if (format == WireFormat.JSON && type == PutRecordsInput.class) {
            PutRecordsInput fast = PutRecordsJson.parse(ByteBufUtil.getBytes(body));
            if (fast != null) {
                return type.cast(fast);
            }
        }
        I input;
        try (ByteBufInputStream in = new ByteBufInputStream(body.duplicate())) {
            input = format.mapper().readValue((java.io.InputStream) in, type);
        }
        if (input == null) {
            throw new KinesisException(KinesisError.SERIALIZATION, "The request body must be a structure.");
        }
        return input;
    }
}
