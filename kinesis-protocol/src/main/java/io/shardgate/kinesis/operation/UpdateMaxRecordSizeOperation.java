package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.UpdateMaxRecordSizeInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * UpdateMaxRecordSize: sets the largest record PutRecord and PutRecords take on the stream, {@value
 * Constraints#MAX_RECORD_SIZE_KIB_MIN}–{@value Constraints#MAX_RECORD_SIZE_KIB_MAX} KiB, as the store's {@code
 * maxRecordBytes} (ADR 0015). The store keeps it in the catalog, so it survives restarts, and Kafka clients see it as
 * the topic's {@code max.message.bytes}. Applied at once; the stream must be {@code ACTIVE} and stays so. The stream
 * is named by {@code StreamARN} only, as the spec has no {@code StreamName} here.
 */
public final class UpdateMaxRecordSizeOperation implements KinesisOperation<UpdateMaxRecordSizeInput, EmptyResult> {

    private final KinesisServices services;

    public UpdateMaxRecordSizeOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateMaxRecordSize";
    }

    @Override
    public Class<UpdateMaxRecordSizeInput> inputType() {
        return UpdateMaxRecordSizeInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(UpdateMaxRecordSizeInput input, RequestContext context) {
        Validation validation = new Validation();
        validation.string("streamARN", input.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        if (validation.required("maxRecordSizeInKiB", input.maxRecordSizeInKiB())) {
            validation.range(
                    "maxRecordSizeInKiB",
                    input.maxRecordSizeInKiB(),
                    Constraints.MAX_RECORD_SIZE_KIB_MIN,
                    Constraints.MAX_RECORD_SIZE_KIB_MAX);
        }
        validation.check();

        String name = Streams.name(services, null, input.streamArn());
        Stream stream = Streams.find(services, name);
        Resharding.requireActive(services, stream);
        int bytes = input.maxRecordSizeInKiB() * 1024;
        if (stream.settings().maxRecordBytes() == bytes) {
            return CompletableFuture.completedFuture(EmptyResult.INSTANCE);
        }
        return services.store()
                .alterStream(name, settings -> settings.withMaxRecordBytes(bytes))
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    return EmptyResult.INSTANCE;
                });
    }
}
