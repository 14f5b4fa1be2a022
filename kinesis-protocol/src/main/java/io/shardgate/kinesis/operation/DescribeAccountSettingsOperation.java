package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DescribeAccountSettingsInput;
import io.shardgate.kinesis.model.DescribeAccountSettingsOutput;

/**
 * DescribeAccountSettings: the account's {@code MinimumThroughputBillingCommitment} as UpdateAccountSettings left it
 * ({@link AccountSettings}); {@code DISABLED} without dates for an account that never had one.
 */
public final class DescribeAccountSettingsOperation
        implements KinesisOperation<DescribeAccountSettingsInput, DescribeAccountSettingsOutput> {

    private final KinesisServices services;

    public DescribeAccountSettingsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeAccountSettings";
    }

    @Override
    public Class<DescribeAccountSettingsInput> inputType() {
        return DescribeAccountSettingsInput.class;
    }

    @Override
    public CompletionStage<DescribeAccountSettingsOutput> execute(
            DescribeAccountSettingsInput input, RequestContext context) {
        return AccountSettings.commitment(services)
                .thenApply(commitment -> new DescribeAccountSettingsOutput(commitment.output()));
    }
}
