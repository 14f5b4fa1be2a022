package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.UntagResourceInput;
import io.shardgate.kinesis.validation.Validation;

/** UntagResource: RemoveTagsFromStream for a stream named by its ARN. */
public final class UntagResourceOperation implements KinesisOperation<UntagResourceInput, EmptyResult> {

    private final KinesisServices services;

    public UntagResourceOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UntagResource";
    }

    @Override
    public Class<UntagResourceInput> inputType() {
        return UntagResourceInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(UntagResourceInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateKeys(validation, input.tagKeys());
        Tags.validateResource(validation, input.resourceArn());
        validation.check();
        return Tags.remove(services, Tags.streamOfResource(services, input.resourceArn()), input.tagKeys());
    }
}
