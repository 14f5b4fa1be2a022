package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.UpdateAccountSettingsInput;
import io.shardgate.kinesis.model.UpdateAccountSettingsOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;

/**
 * UpdateAccountSettings: enables or disables the account's {@code MinimumThroughputBillingCommitment}, synchronously
 * and durably, and answers the settings as they now stand. Enabling starts a commitment of at least 24 hours;
 * disabling it before {@code EarliestAllowedEndAt} leaves it {@code ENABLED_UNTIL_EARLIEST_ALLOWED_END}, which
 * enabling again cancels; asking for the status in force changes nothing ({@link AccountSettings}). Nothing is billed.
 */
public final class UpdateAccountSettingsOperation
        implements KinesisOperation<UpdateAccountSettingsInput, UpdateAccountSettingsOutput> {

    private final KinesisServices services;

    public UpdateAccountSettingsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateAccountSettings";
    }

    @Override
    public Class<UpdateAccountSettingsInput> inputType() {
        return UpdateAccountSettingsInput.class;
    }

    @Override
    public CompletionStage<UpdateAccountSettingsOutput> execute(
            UpdateAccountSettingsInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("minimumThroughputBillingCommitment", input.minimumThroughputBillingCommitment())) {
            String status = input.minimumThroughputBillingCommitment().status();
            if (validation.required("minimumThroughputBillingCommitment.status", status)) {
                validation.oneOf(
                        "minimumThroughputBillingCommitment.status", status, Constraints.COMMITMENT_INPUT_STATUSES);
            }
        }
        validation.check();
        return AccountSettings.update(
                        services, input.minimumThroughputBillingCommitment().status())
                .thenApply(commitment -> new UpdateAccountSettingsOutput(commitment.output()));
    }
}
