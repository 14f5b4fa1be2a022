package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.RemoveTagsFromStreamInput;
import io.shardgate.kinesis.validation.Validation;

/** RemoveTagsFromStream: removes tags of a stream (see {@link Tags}). */
public final class RemoveTagsFromStreamOperation implements KinesisOperation<RemoveTagsFromStreamInput, EmptyResult> {

    private final KinesisServices services;

    public RemoveTagsFromStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "RemoveTagsFromStream";
    }

    @Override
    public Class<RemoveTagsFromStreamInput> inputType() {
        return RemoveTagsFromStreamInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(RemoveTagsFromStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateKeys(validation, input.tagKeys());
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        return Tags.remove(services, Streams.name(services, input.streamName(), input.streamArn()), input.tagKeys());
    }
}
