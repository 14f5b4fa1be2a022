package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DeleteResourcePolicyInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * DeleteResourcePolicy: removes the stream's policy; {@code ResourceNotFoundException} when it has none (see
 * {@link ResourcePolicies}).
 */
public final class DeleteResourcePolicyOperation implements KinesisOperation<DeleteResourcePolicyInput, EmptyResult> {

    private final KinesisServices services;

    public DeleteResourcePolicyOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DeleteResourcePolicy";
    }

    @Override
    public Class<DeleteResourcePolicyInput> inputType() {
        return DeleteResourcePolicyInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(DeleteResourcePolicyInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateResource(validation, input.resourceArn());
        String name = ResourcePolicies.stream(services, validation, input.resourceArn());
        Stream stream = Streams.find(services, name);
        if (!stream.settings().configs().containsKey(StreamConfigs.RESOURCE_POLICY)) {
            throw ResourcePolicies.notFound(services, input.resourceArn());
        }
        Resharding.requireActive(services, stream);
        return StreamConfigs.alter(
                services, name, configs -> configs.remove(StreamConfigs.RESOURCE_POLICY), EmptyResult.INSTANCE);
    }
}
