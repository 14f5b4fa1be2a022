package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EnableEnhancedMonitoringInput;
import io.shardgate.kinesis.model.EnhancedMonitoringOutput;

/** EnableEnhancedMonitoring: see {@link EnhancedMonitoring}. */
public final class EnableEnhancedMonitoringOperation
        implements KinesisOperation<EnableEnhancedMonitoringInput, EnhancedMonitoringOutput> {

    private final KinesisServices services;

    public EnableEnhancedMonitoringOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "EnableEnhancedMonitoring";
    }

    @Override
    public Class<EnableEnhancedMonitoringInput> inputType() {
        return EnableEnhancedMonitoringInput.class;
    }

    @Override
    public CompletionStage<EnhancedMonitoringOutput> execute(
            EnableEnhancedMonitoringInput input, RequestContext context) {
        return EnhancedMonitoring.change(
                services, input.streamName(), input.shardLevelMetrics(), input.streamArn(), true);
    }
}
