package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.AddTagsToStreamInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;

/** AddTagsToStream: adds or replaces tags of a stream (see {@link Tags}). */
public final class AddTagsToStreamOperation implements KinesisOperation<AddTagsToStreamInput, EmptyResult> {

    private final KinesisServices services;

    public AddTagsToStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "AddTagsToStream";
    }

    @Override
    public Class<AddTagsToStreamInput> inputType() {
        return AddTagsToStreamInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(AddTagsToStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateMap(validation, input.tags());
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        return Tags.add(services, Streams.name(services, input.streamName(), input.streamArn()), input.tags());
    }
}
