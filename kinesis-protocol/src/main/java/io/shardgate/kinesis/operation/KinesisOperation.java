package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

/**
 * One Kinesis operation: validates its input, calls the store asynchronously and completes with its output. Runs on
 * the connection's event loop and never blocks; failures complete the stage exceptionally and become AWS errors in
 * {@link io.shardgate.kinesis.mapping.KinesisErrors}. Implementations are thread-safe.
 *
 * @param <I> the input shape
 * @param <O> the output shape
 */
public interface KinesisOperation<I, O> {

    /** The operation name as in {@code X-Amz-Target: Kinesis_20131202.<name>}. */
    String name();

    /** The shape the body is decoded into. */
    Class<I> inputType();

    /** Serves one request. */
    CompletionStage<O> execute(I input, RequestContext context);
}
