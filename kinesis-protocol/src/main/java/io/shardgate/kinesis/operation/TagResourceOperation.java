package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.TagResourceInput;
import io.shardgate.kinesis.validation.Validation;

/** TagResource: AddTagsToStream for a stream named by its ARN; consumer ARNs are not found (no consumers yet). */
public final class TagResourceOperation implements KinesisOperation<TagResourceInput, EmptyResult> {

    private final KinesisServices services;

    public TagResourceOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public Class<TagResourceInput> inputType() {
        return TagResourceInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(TagResourceInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateMap(validation, input.tags());
        Tags.validateResource(validation, input.resourceArn());
        validation.check();
        return Tags.add(services, Tags.streamOfResource(services, input.resourceArn()), input.tags());
    }
}
