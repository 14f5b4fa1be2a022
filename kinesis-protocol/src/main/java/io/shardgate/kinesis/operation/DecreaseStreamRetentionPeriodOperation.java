package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DecreaseStreamRetentionPeriodInput;
import io.shardgate.kinesis.model.EmptyResult;

/** DecreaseStreamRetentionPeriod: see {@link Retention}. */
public final class DecreaseStreamRetentionPeriodOperation
        implements KinesisOperation<DecreaseStreamRetentionPeriodInput, EmptyResult> {

    private final KinesisServices services;

    public DecreaseStreamRetentionPeriodOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DecreaseStreamRetentionPeriod";
    }

    @Override
    public Class<DecreaseStreamRetentionPeriodInput> inputType() {
        return DecreaseStreamRetentionPeriodInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(DecreaseStreamRetentionPeriodInput input, RequestContext context) {
        return Retention.change(services, input.streamName(), input.streamArn(), input.retentionPeriodHours(), false);
    }
}
