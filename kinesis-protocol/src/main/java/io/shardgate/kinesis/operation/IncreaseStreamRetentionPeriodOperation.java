package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.IncreaseStreamRetentionPeriodInput;

/** IncreaseStreamRetentionPeriod: see {@link Retention}. */
public final class IncreaseStreamRetentionPeriodOperation
        implements KinesisOperation<IncreaseStreamRetentionPeriodInput, EmptyResult> {

    private final KinesisServices services;

    public IncreaseStreamRetentionPeriodOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "IncreaseStreamRetentionPeriod";
    }

    @Override
    public Class<IncreaseStreamRetentionPeriodInput> inputType() {
        return IncreaseStreamRetentionPeriodInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(IncreaseStreamRetentionPeriodInput input, RequestContext context) {
        return Retention.change(services, input.streamName(), input.streamArn(), input.retentionPeriodHours(), true);
    }
}
