package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.PutResourcePolicyInput;
import io.shardgate.kinesis.validation.Validation;

/** PutResourcePolicy: attaches or replaces the stream's policy (see {@link ResourcePolicies}). */
public final class PutResourcePolicyOperation implements KinesisOperation<PutResourcePolicyInput, EmptyResult> {

    private final KinesisServices services;

    public PutResourcePolicyOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "PutResourcePolicy";
    }

    @Override
    public Class<PutResourcePolicyInput> inputType() {
        return PutResourcePolicyInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(PutResourcePolicyInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateResource(validation, input.resourceArn());
        validation.required("policy", input.policy());
        String name = ResourcePolicies.stream(services, validation, input.resourceArn());
        ResourcePolicies.requireJsonObject(input.policy());
        Resharding.requireActive(services, Streams.find(services, name));
        return StreamConfigs.alter(
                services,
                name,
                configs -> configs.put(StreamConfigs.RESOURCE_POLICY, input.policy()),
                EmptyResult.INSTANCE);
    }
}
