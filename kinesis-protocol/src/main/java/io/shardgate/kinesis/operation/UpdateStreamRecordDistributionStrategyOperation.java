package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.UpdateStreamRecordDistributionStrategyInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * UpdateStreamRecordDistributionStrategy: sets {@code AUTO} or {@code USER_PARTITION_KEY} on the stream named by its
 * ARN ({@link RecordDistribution}, ADR 0020). The stream must be {@code ACTIVE}; {@code AUTO} needs {@code ON_DEMAND}
 * mode, checked again inside the atomic change so that a concurrent UpdateStreamMode cannot slip in between. The
 * change applies to the next put at once and the stream stays {@code ACTIVE}, as AWS describes it; records already
 * stored stay where they are.
 */
public final class UpdateStreamRecordDistributionStrategyOperation
        implements KinesisOperation<UpdateStreamRecordDistributionStrategyInput, EmptyResult> {

    private final KinesisServices services;

    public UpdateStreamRecordDistributionStrategyOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateStreamRecordDistributionStrategy";
    }

    @Override
    public Class<UpdateStreamRecordDistributionStrategyInput> inputType() {
        return UpdateStreamRecordDistributionStrategyInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(
            UpdateStreamRecordDistributionStrategyInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("streamARN", input.streamArn())) {
            validation.string("streamARN", input.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        }
        String strategy = input.recordDistributionStrategy();
        if (validation.required("recordDistributionStrategy", strategy)) {
            validation.oneOf("recordDistributionStrategy", strategy, RecordDistribution.STRATEGIES);
        }
        validation.check();

        String name = Streams.name(services, null, input.streamArn());
        Stream stream = Streams.find(services, name);
        Resharding.requireActive(services, stream);
        RecordDistribution.requireSupported(services, name, Streams.mode(stream), strategy);
        if (strategy.equals(RecordDistribution.shown(stream))) {
            return CompletableFuture.completedFuture(EmptyResult.INSTANCE);
        }
        return services.store()
                .alterStream(name, settings -> {
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    if (strategy.equals(RecordDistribution.AUTO)
                            && !"ON_DEMAND".equals(configs.get(Streams.MODE_CONFIG))) {
                        return settings;
                    }
                    RecordDistribution.record(configs, strategy);
                    return settings.withConfigs(configs);
                })
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    RecordDistribution.requireSupported(services, name, Streams.mode(altered), strategy);
                    return EmptyResult.INSTANCE;
                });
    }
}
