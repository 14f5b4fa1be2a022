package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.ListTagsForResourceInput;
import io.shardgate.kinesis.model.ListTagsForResourceOutput;
import io.shardgate.kinesis.validation.Validation;

/** ListTagsForResource: every tag of a stream named by its ARN, sorted by key. */
public final class ListTagsForResourceOperation
        implements KinesisOperation<ListTagsForResourceInput, ListTagsForResourceOutput> {

    private final KinesisServices services;

    public ListTagsForResourceOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public Class<ListTagsForResourceInput> inputType() {
        return ListTagsForResourceInput.class;
    }

    @Override
    public CompletionStage<ListTagsForResourceOutput> execute(ListTagsForResourceInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateResource(validation, input.resourceArn());
        validation.check();
        String name = Tags.streamOfResource(services, input.resourceArn());
        return CompletableFuture.completedFuture(
                new ListTagsForResourceOutput(Tags.list(Tags.of(Streams.find(services, name)))));
    }
}
