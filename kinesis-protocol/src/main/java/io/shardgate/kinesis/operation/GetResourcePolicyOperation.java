package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.GetResourcePolicyInput;
import io.shardgate.kinesis.model.GetResourcePolicyOutput;
import io.shardgate.kinesis.validation.Validation;

/** GetResourcePolicy: the stream's policy as it was put, or {@code {}} when it has none (see {@link ResourcePolicies}). */
public final class GetResourcePolicyOperation
        implements KinesisOperation<GetResourcePolicyInput, GetResourcePolicyOutput> {

    private final KinesisServices services;

    public GetResourcePolicyOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "GetResourcePolicy";
    }

    @Override
    public Class<GetResourcePolicyInput> inputType() {
        return GetResourcePolicyInput.class;
    }

    @Override
    public CompletionStage<GetResourcePolicyOutput> execute(GetResourcePolicyInput input, RequestContext context) {
        Validation validation = new Validation();
        Tags.validateResource(validation, input.resourceArn());
        String name = ResourcePolicies.stream(services, validation, input.resourceArn());
        String policy = Streams.find(services, name).settings().configs().get(StreamConfigs.RESOURCE_POLICY);
        return CompletableFuture.completedFuture(new GetResourcePolicyOutput(policy == null ? "{}" : policy));
    }
}
