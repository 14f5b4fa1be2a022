package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DescribeAccountSettingsInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.MinimumThroughputBillingCommitmentInput;
import io.shardgate.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import io.shardgate.kinesis.model.RegisterStreamConsumerInput;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.model.StreamDescriptionSummary;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.UpdateAccountSettingsInput;
import io.shardgate.kinesis.model.UpdateStreamModeInput;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputInput;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputOutput;
import io.shardgate.kinesis.model.WarmThroughputObject;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.store.StreamStatus;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;
import io.shardgate.store.lmdb.StoreListener;

/**
 * DescribeAccountSettings, UpdateAccountSettings and UpdateStreamWarmThroughput against a real LMDB store: the
 * commitment's states and dates as the clock moves, its durability, and the warm throughput of on-demand streams as
 * CreateStream, UpdateStreamMode, UpdateStreamWarmThroughput and DescribeStreamSummary see it (ADR 0017).
 */
class AccountSettingsOperationsTest extends OperationsFixture {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    // ---- DescribeAccountSettings / UpdateAccountSettings -----------------------------------------------------

    @Test
    void shouldDescribeADisabledCommitmentWithoutDatesWhenTheAccountNeverHadOne() throws Exception {
        assertThat(describeCommitment())
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput("DISABLED", null, null, null));
    }

    @Test
    void shouldEnableACommitmentOfAtLeastADayAndEndItWhenDisabledAfterIt() throws Exception {
        // Given
        Instant start = Instant.ofEpochMilli(clock.millis());

        // When enabled
        MinimumThroughputBillingCommitmentOutput enabled = updateCommitment("ENABLED");

        // Then
        MinimumThroughputBillingCommitmentOutput expected =
                new MinimumThroughputBillingCommitmentOutput("ENABLED", start, null, start.plusMillis(DAY_MS));
        assertThat(enabled).isEqualTo(expected);
        assertThat(describeCommitment()).isEqualTo(expected);

        // When enabled again an hour later, nothing changes
        clock.advance(3_600_000);
        assertThat(updateCommitment("ENABLED")).isEqualTo(expected);

        // When disabled after the earliest end
        clock.advance(DAY_MS);
        Instant end = Instant.ofEpochMilli(clock.millis());
        MinimumThroughputBillingCommitmentOutput disabled = updateCommitment("DISABLED");

        // Then it ended at once, and disabling again changes nothing
        assertThat(disabled)
                .isEqualTo(
                        new MinimumThroughputBillingCommitmentOutput("DISABLED", start, end, start.plusMillis(DAY_MS)));
        clock.advance(1000);
        assertThat(updateCommitment("DISABLED")).isEqualTo(disabled);

        // When a new commitment starts, it has new dates
        Instant restart = Instant.ofEpochMilli(clock.millis());
        assertThat(updateCommitment("ENABLED"))
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput(
                        "ENABLED", restart, null, restart.plusMillis(DAY_MS)));
    }

    @Test
    void shouldScheduleTheEndWhenDisabledBeforeTheEarliestAllowedEndAndCancelItWhenEnabledAgain() throws Exception {
        // Given a commitment an hour old
        Instant start = Instant.ofEpochMilli(clock.millis());
        Instant earliest = start.plusMillis(DAY_MS);
        updateCommitment("ENABLED");
        clock.advance(3_600_000);

        // When disabled
        MinimumThroughputBillingCommitmentOutput ending = updateCommitment("DISABLED");

        // Then it stays in effect until its earliest end
        assertThat(ending)
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput(
                        "ENABLED_UNTIL_EARLIEST_ALLOWED_END", start, null, earliest));
        assertThat(updateCommitment("DISABLED")).isEqualTo(ending);

        // When enabled again, the scheduled end is cancelled
        assertThat(updateCommitment("ENABLED"))
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput("ENABLED", start, null, earliest));

        // When disabled again and the earliest end passes
        updateCommitment("DISABLED");
        clock.advance(DAY_MS);

        // Then it ended at its earliest end, without any call in between
        assertThat(describeCommitment())
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput("DISABLED", start, earliest, earliest));
    }

    @Test
    void shouldKeepTheCommitmentWhenTheStoreIsReopened() throws Exception {
        // Given
        MinimumThroughputBillingCommitmentOutput enabled = updateCommitment("ENABLED");

        // When
        store.close();
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), StoreListener.NONE, clock);
        services = services(0);

        // Then
        assertThat(describeCommitment()).isEqualTo(enabled);
        assertThat(store.streams()).isEmpty();
    }

    static Stream<Arguments> invalidAccountSettings() {
        return Stream.of(
                Arguments.of(
                        new UpdateAccountSettingsInput(null),
                        "1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to"
                                + " satisfy constraint: Member must not be null"),
                Arguments.of(
                        new UpdateAccountSettingsInput(new MinimumThroughputBillingCommitmentInput(null)),
                        "1 validation error detected: Value null at 'minimumThroughputBillingCommitment.status'"
                                + " failed to satisfy constraint: Member must not be null"),
                Arguments.of(
                        new UpdateAccountSettingsInput(
                                new MinimumThroughputBillingCommitmentInput("ENABLED_UNTIL_EARLIEST_ALLOWED_END")),
                        "1 validation error detected: Value 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' at"
                                + " 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member"
                                + " must satisfy enum value set: [ENABLED, DISABLED]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidAccountSettings")
    void shouldAnswerValidationExceptionWhenTheAccountSettingsAreInvalid(
            UpdateAccountSettingsInput input, String message) throws Exception {
        assertThat(failure(() -> new UpdateAccountSettingsOperation(services).execute(input, context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage(message);
        assertThat(describeCommitment().status()).isEqualTo("DISABLED");
    }

    // ---- UpdateStreamWarmThroughput ----------------------------------------------------------------------------

    @Test
    void shouldRecordTheWarmThroughputAndShowItWhenTheStreamIsOnDemandInACommittedAccount() throws Exception {
        // Given an on-demand stream in a committed account, without warm throughput
        updateCommitment("ENABLED");
        createOnDemand("w", null);
        assertThat(summary("w").warmThroughput()).isNull();

        // When, by ARN
        UpdateStreamWarmThroughputOutput output = call(() -> new UpdateStreamWarmThroughputOperation(services)
                .execute(new UpdateStreamWarmThroughputInput(arn("w"), null, 100), context));

        // Then with no status delay the stream is scaled at once
        assertThat(output)
                .isEqualTo(new UpdateStreamWarmThroughputOutput(arn("w"), "w", new WarmThroughputObject(100, 100)));
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(100, 100));
        assertThat(summary("w").streamStatus()).isEqualTo("ACTIVE");
        assertThat(store.stream("w").orElseThrow().settings().configs())
                .containsEntry(WarmThroughput.TARGET_CONFIG, "100")
                .doesNotContainKeys(Resharding.CLAIM_CONFIG, WarmThroughput.CLAIM_CONFIG, WarmThroughput.FROM_CONFIG);

        // When lowered to 0, by name
        call(() -> new UpdateStreamWarmThroughputOperation(services)
                .execute(new UpdateStreamWarmThroughputInput(null, "w", 0), context));

        // Then
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(0, 0));
    }

    @Test
    void shouldHoldTheStreamUpdatingAtThePreviousThroughputUntilTheStatusDelayHasPassed() throws Exception {
        // Given a stream scaled to 50 MiB/s, and a status delay
        updateCommitment("ENABLED");
        createOnDemand("w", null);
        call(() -> new UpdateStreamWarmThroughputOperation(services)
                .execute(new UpdateStreamWarmThroughputInput(null, "w", 50), context));
        KinesisServices delayed = services(300);

        // When
        UpdateStreamWarmThroughputOutput output = call(() -> new UpdateStreamWarmThroughputOperation(delayed)
                .execute(new UpdateStreamWarmThroughputInput(null, "w", 200), context));

        // Then it is UPDATING towards 200 from 50, takes no resharding meanwhile, but takes writes
        assertThat(output.warmThroughput()).isEqualTo(new WarmThroughputObject(200, 50));
        assertThat(summary("w").streamStatus()).isEqualTo("UPDATING");
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(200, 50));
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(delayed)
                        .execute(new UpdateStreamWarmThroughputInput(null, "w", 300), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Stream w under account 123456789012 not ACTIVE, instead in state UPDATING");
        assertThat(failure(() -> new SplitShardOperation(delayed)
                        .execute(new SplitShardInput("w", "shardId-000000000000", "12345", null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error);
        call(() -> new PutRecordOperation(delayed).execute(put("w", "k", "v"), context));

        // And it is ACTIVE at 200 after the delay
        awaitStatus("w", StreamStatus.ACTIVE);
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(200, 200));
        assertThat(store.stream("w").orElseThrow().settings().configs())
                .doesNotContainKeys(Resharding.CLAIM_CONFIG, WarmThroughput.CLAIM_CONFIG, WarmThroughput.FROM_CONFIG);
    }

    @Test
    void shouldShowNoCurrentThroughputWhenAStreamUpdatesForTheFirstTimeOrIsStillCreating() throws Exception {
        // Given
        updateCommitment("ENABLED");
        KinesisServices delayed = services(60_000);
        createOnDemand("first", null);

        // When
        UpdateStreamWarmThroughputOutput output = call(() -> new UpdateStreamWarmThroughputOperation(delayed)
                .execute(new UpdateStreamWarmThroughputInput(null, "first", 80), context));
        call(() -> new CreateStreamOperation(delayed)
                .execute(
                        new CreateStreamInput("creating", null, new StreamModeDetails("ON_DEMAND"), null, 40, null),
                        context));

        // Then
        assertThat(output.warmThroughput()).isEqualTo(new WarmThroughputObject(80, null));
        assertThat(summary("creating").streamStatus()).isEqualTo("CREATING");
        assertThat(summary("creating").warmThroughput()).isEqualTo(new WarmThroughputObject(40, null));
    }

    @Test
    void shouldAnswerAwsErrorsWhenTheWarmThroughputCannotBeUpdated() throws Exception {
        // Given a provisioned stream, an on-demand one, and no commitment
        create("p", 1);
        createOnDemand("d", null);

        // Then
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services)
                        .execute(new UpdateStreamWarmThroughputInput(null, "d", 10), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account"
                        + " 123456789012.");
        updateCommitment("ENABLED");
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services)
                        .execute(new UpdateStreamWarmThroughputInput(null, "p", 10), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("Stream p under account 123456789012 is in PROVISIONED mode: warm throughput is only"
                        + " supported for streams in ON_DEMAND mode.");
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services)
                        .execute(new UpdateStreamWarmThroughputInput(null, "d", 10_241), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("WarmThroughputMiBps 10241 exceeds the limit of 10240 MiBps for an on-demand stream.");
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services)
                        .execute(new UpdateStreamWarmThroughputInput(null, "gone", 10), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream gone under account 123456789012 not found.");
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services)
                        .execute(new UpdateStreamWarmThroughputInput(null, null, 10), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Either StreamName or StreamARN must be provided.");
        assertThat(store.stream("d").orElseThrow().settings().configs())
                .doesNotContainKey(WarmThroughput.TARGET_CONFIG);
        assertThat(store.stream("p").orElseThrow().settings().configs())
                .doesNotContainKey(WarmThroughput.TARGET_CONFIG);
    }

    static Stream<Arguments> invalidWarmThroughputs() {
        return Stream.of(
                Arguments.of(
                        new UpdateStreamWarmThroughputInput(null, "s", null),
                        "1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy"
                                + " constraint: Member must not be null"),
                Arguments.of(
                        new UpdateStreamWarmThroughputInput(null, "s", -1),
                        "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy"
                                + " constraint: Member must have value greater than or equal to 0"),
                Arguments.of(
                        new UpdateStreamWarmThroughputInput("s", "a b", 1),
                        "2 validation errors detected: Value 'a b' at 'streamName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 's' at"
                                + " 'streamARN' failed to satisfy constraint: Member must satisfy regular expression"
                                + " pattern: " + Constraints.STREAM_ARN.pattern()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidWarmThroughputs")
    void shouldAnswerValidationExceptionWhenTheWarmThroughputRequestIsInvalid(
            UpdateStreamWarmThroughputInput input, String message) {
        assertThat(failure(() -> new UpdateStreamWarmThroughputOperation(services).execute(input, context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage(message);
    }

    // ---- warm throughput through CreateStream, UpdateStreamMode and the commitment ---------------------------

    @Test
    void shouldRecordTheWarmThroughputGivenToCreateStreamAndUpdateStreamMode() throws Exception {
        // Given
        updateCommitment("ENABLED");

        // When an on-demand stream is created with one, and a provisioned one switched with one
        createOnDemand("created", 30);
        create("switched", 1);
        call(() -> new UpdateStreamModeOperation(services)
                .execute(new UpdateStreamModeInput(arn("switched"), new StreamModeDetails("ON_DEMAND"), 60), context));

        // Then
        assertThat(summary("created").warmThroughput()).isEqualTo(new WarmThroughputObject(30, 30));
        assertThat(summary("switched").warmThroughput()).isEqualTo(new WarmThroughputObject(60, 60));

        // When asked again in the same mode, it is updated; switched to provisioned, it is dropped
        call(() -> new UpdateStreamModeOperation(services)
                .execute(new UpdateStreamModeInput(arn("switched"), new StreamModeDetails("ON_DEMAND"), 70), context));
        assertThat(summary("switched").warmThroughput()).isEqualTo(new WarmThroughputObject(70, 70));
        call(() -> new UpdateStreamModeOperation(services)
                .execute(
                        new UpdateStreamModeInput(arn("switched"), new StreamModeDetails("PROVISIONED"), null),
                        context));

        // Then it does not come back with the mode
        assertThat(summary("switched").warmThroughput()).isNull();
        assertThat(store.stream("switched").orElseThrow().settings().configs())
                .doesNotContainKeys(WarmThroughput.CONFIGS.toArray(String[]::new));
        call(() -> new UpdateStreamModeOperation(services)
                .execute(
                        new UpdateStreamModeInput(arn("switched"), new StreamModeDetails("ON_DEMAND"), null), context));
        assertThat(summary("switched").warmThroughput()).isNull();
    }

    @Test
    void shouldRefuseAWarmThroughputGivenWithTheProvisionedModeOrWithoutCommitment() throws Exception {
        // Given no commitment
        create("u", 1);

        // Then
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(
                                new CreateStreamInput("c", null, new StreamModeDetails("ON_DEMAND"), null, 10, null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageStartingWith("Warm throughput requires MinimumThroughputBillingCommitment");
        assertThat(store.stream("c")).isEmpty();
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(new CreateStreamInput("c", 1, null, null, 10, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("WarmThroughputMiBps can only be specified for a stream in ON_DEMAND mode.");
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(new CreateStreamInput("c", 1, null, null, -5, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value '-5' at 'warmThroughputMiBps' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 0");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(
                                new UpdateStreamModeInput(arn("u"), new StreamModeDetails("PROVISIONED"), 10),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("WarmThroughputMiBps can only be specified for a stream in ON_DEMAND mode.");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(new UpdateStreamModeInput(arn("u"), new StreamModeDetails("ON_DEMAND"), 10), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));
        updateCommitment("ENABLED");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(
                                new UpdateStreamModeInput(arn("u"), new StreamModeDetails("ON_DEMAND"), 20_000),
                                context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));
    }

    @Test
    void shouldHideTheWarmThroughputOnceTheCommitmentHasEndedAndNotBringItBackWithANewOne() throws Exception {
        // Given a stream with warm throughput, and a commitment being disabled
        updateCommitment("ENABLED");
        createOnDemand("w", 25);
        updateCommitment("DISABLED");

        // Then it is shown until the commitment's earliest end
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(25, 25));
        clock.advance(DAY_MS);
        assertThat(summary("w").warmThroughput()).isNull();

        // When a new commitment starts
        updateCommitment("ENABLED");

        // Then the old target belonged to the old one
        assertThat(summary("w").warmThroughput()).isNull();
        call(() -> new UpdateStreamWarmThroughputOperation(services)
                .execute(new UpdateStreamWarmThroughputInput(null, "w", 35), context));
        assertThat(summary("w").warmThroughput()).isEqualTo(new WarmThroughputObject(35, 35));
    }

    @Test
    void shouldTakeFiftyConsumersOnAnOnDemandStreamOnlyWhileTheCommitmentIsInEffect() throws Exception {
        // Given an on-demand stream with twenty consumers and no commitment
        createOnDemand("fan", null);
        for (int i = 0; i < Consumers.MAX_PER_STREAM; i++) {
            registerConsumer("fan", "c" + i);
        }
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(arn("fan"), "c20"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("Stream fan under account 123456789012 already has 20 registered consumers, the most a"
                        + " stream can have.");

        // When the commitment is enabled (On-demand Advantage)
        updateCommitment("ENABLED");

        // Then it takes fifty
        for (int i = Consumers.MAX_PER_STREAM; i < Consumers.MAX_PER_ON_DEMAND_ADVANTAGE_STREAM; i++) {
            registerConsumer("fan", "c" + i);
        }
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(arn("fan"), "c50"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("Stream fan under account 123456789012 already has 50 registered consumers, the most a"
                        + " stream can have.");
        assertThat(Consumers.of(store.stream("fan").orElseThrow())).hasSize(50);

        // And a provisioned stream keeps twenty
        create("provisioned", 1);
        for (int i = 0; i < Consumers.MAX_PER_STREAM; i++) {
            registerConsumer("provisioned", "c" + i);
        }
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(arn("provisioned"), "c20"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void registerConsumer(String stream, String name) throws Exception {
        call(() -> new RegisterStreamConsumerOperation(services)
                .execute(new RegisterStreamConsumerInput(arn(stream), name), context));
    }

    private MinimumThroughputBillingCommitmentOutput describeCommitment() throws Exception {
        return call(() -> new DescribeAccountSettingsOperation(services)
                        .execute(new DescribeAccountSettingsInput(), context))
                .minimumThroughputBillingCommitment();
    }

    private MinimumThroughputBillingCommitmentOutput updateCommitment(String status) throws Exception {
        return call(() -> new UpdateAccountSettingsOperation(services)
                        .execute(
                                new UpdateAccountSettingsInput(new MinimumThroughputBillingCommitmentInput(status)),
                                context))
                .minimumThroughputBillingCommitment();
    }

    private void createOnDemand(String name, Integer warmThroughputMiBps) throws Exception {
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput(
                                name, null, new StreamModeDetails("ON_DEMAND"), null, warmThroughputMiBps, null),
                        context));
    }

    private String arn(String name) {
        return services.arns().arn(name);
    }

    private StreamDescriptionSummary summary(String stream) throws Exception {
        return call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(stream, null), context))
                .streamDescriptionSummary();
    }

    private void awaitStatus(String stream, StreamStatus status) throws InterruptedException {
        Supplier<StreamStatus> current =
                () -> store.stream(stream).orElseThrow().settings().status();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (current.get() != status && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(current.get()).isEqualTo(status);
    }
}
