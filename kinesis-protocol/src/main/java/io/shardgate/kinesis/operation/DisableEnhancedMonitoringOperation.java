package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DisableEnhancedMonitoringInput;
import io.shardgate.kinesis.model.EnhancedMonitoringOutput;

/** DisableEnhancedMonitoring: see {@link EnhancedMonitoring}. */
public final class DisableEnhancedMonitoringOperation
        implements KinesisOperation<DisableEnhancedMonitoringInput, EnhancedMonitoringOutput> {

    private final KinesisServices services;

    public DisableEnhancedMonitoringOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DisableEnhancedMonitoring";
    }

    @Override
    public Class<DisableEnhancedMonitoringInput> inputType() {
        return DisableEnhancedMonitoringInput.class;
    }

    @Override
    public CompletionStage<EnhancedMonitoringOutput> execute(
            DisableEnhancedMonitoringInput input, RequestContext context) {
        return EnhancedMonitoring.change(
                services, input.streamName(), input.shardLevelMetrics(), input.streamArn(), false);
    }
}
