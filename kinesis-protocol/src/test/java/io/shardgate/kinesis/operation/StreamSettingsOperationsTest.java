package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DeleteResourcePolicyInput;
import io.shardgate.kinesis.model.DescribeLimitsInput;
import io.shardgate.kinesis.model.DescribeLimitsOutput;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.DisableEnhancedMonitoringInput;
import io.shardgate.kinesis.model.EnableEnhancedMonitoringInput;
import io.shardgate.kinesis.model.EnhancedMetrics;
import io.shardgate.kinesis.model.EnhancedMonitoringOutput;
import io.shardgate.kinesis.model.GetResourcePolicyInput;
import io.shardgate.kinesis.model.ListStreamsInput;
import io.shardgate.kinesis.model.PutResourcePolicyInput;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.model.StartStreamEncryptionInput;
import io.shardgate.kinesis.model.StopStreamEncryptionInput;
import io.shardgate.kinesis.model.StreamDescription;
import io.shardgate.kinesis.model.StreamDescriptionSummary;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.StreamSummary;
import io.shardgate.kinesis.model.UpdateStreamModeInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.store.StreamStatus;

/**
 * The stream-settings operations (encryption, enhanced monitoring, resource policies) against a real LMDB store: their
 * validation, AWS's errors, and what DescribeStream and DescribeStreamSummary show afterwards.
 */
class StreamSettingsOperationsTest extends OperationsFixture {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/12345678-1234-1234-1234-123456789012";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kinesis:GetRecords\","
            + "\"Resource\":\"arn:aws:kinesis:eu-west-1:123456789012:stream/p\"}]}";

    // ---- StartStreamEncryption / StopStreamEncryption ---------------------------------------------------------

    @Test
    void shouldRecordAndShowTheEncryptionWhenStartingAndStoppingIt() throws Exception {
        // Given
        create("e");
        assertThat(describe("e").encryptionType()).isEqualTo("NONE");
        assertThat(describe("e").keyId()).isNull();

        // When
        call(() -> new StartStreamEncryptionOperation(services)
                .execute(new StartStreamEncryptionInput("e", "KMS", KEY, null), context));

        // Then both describing operations show it, and it is durable in the stream's configs
        assertThat(describe("e").encryptionType()).isEqualTo("KMS");
        assertThat(describe("e").keyId()).isEqualTo(KEY);
        assertThat(summary("e").encryptionType()).isEqualTo("KMS");
        assertThat(summary("e").keyId()).isEqualTo(KEY);
        assertThat(store.stream("e").orElseThrow().settings().configs())
                .containsEntry(StreamConfigs.ENCRYPTION_TYPE, "KMS")
                .containsEntry(StreamConfigs.KEY_ID, KEY);
        assertThat(store.stream("e").orElseThrow().settings().status()).isEqualTo(StreamStatus.ACTIVE);

        // When stopped, by ARN
        call(() -> new StopStreamEncryptionOperation(services)
                .execute(new StopStreamEncryptionInput(null, "KMS", KEY, arn("e")), context));

        // Then
        assertThat(describe("e").encryptionType()).isEqualTo("NONE");
        assertThat(summary("e").keyId()).isNull();
        assertThat(store.stream("e").orElseThrow().settings().configs())
                .doesNotContainKeys(StreamConfigs.ENCRYPTION_TYPE, StreamConfigs.KEY_ID);
    }

    @Test
    void shouldAnswerAwsErrorsWhenAnEncryptionRequestIsInvalid() throws Exception {
        // Given
        create("e");

        // Then
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput("e", null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value null at 'encryptionType' failed to satisfy"
                        + " constraint: Member must not be null; Value null at 'keyId' failed to satisfy constraint:"
                        + " Member must not be null");
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput("e", "AES", "", null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value 'AES' at 'encryptionType' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [NONE, KMS]; Value '' at 'keyId' failed"
                        + " to satisfy constraint: Member must have length greater than or equal to 1");
        assertThat(failure(() -> new StopStreamEncryptionOperation(services)
                        .execute(new StopStreamEncryptionInput("e", "KMS", "k".repeat(2049), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageEndingWith("at 'keyId' failed to satisfy constraint: Member must have length less than"
                        + " or equal to 2048");
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput("e", "NONE", KEY, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput(null, "KMS", KEY, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Either StreamName or StreamARN must be provided.");
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput("gone", "KMS", KEY, null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream gone under account 123456789012 not found.");
        assertThat(store.stream("e").orElseThrow().settings().configs())
                .doesNotContainKey(StreamConfigs.ENCRYPTION_TYPE);
    }

    @Test
    void shouldRefuseStreamSettingsWhileTheStreamIsNotActive() throws Exception {
        // Given a stream still CREATING
        services = services(60_000);
        create("c");
        assertThat(store.stream("c").orElseThrow().settings().status()).isEqualTo(StreamStatus.CREATING);

        // Then
        String message = "Stream c under account 123456789012 not ACTIVE, instead in state CREATING";
        assertThat(failure(() -> new StartStreamEncryptionOperation(services)
                        .execute(new StartStreamEncryptionInput("c", "KMS", KEY, null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage(message);
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("c", List.of("ALL"), null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage(message);
        assertThat(failure(() -> new PutResourcePolicyOperation(services)
                        .execute(new PutResourcePolicyInput(arn("c"), POLICY), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage(message);
        assertThat(store.stream("c").orElseThrow().settings().configs())
                .doesNotContainKeys(
                        StreamConfigs.ENCRYPTION_TYPE,
                        StreamConfigs.SHARD_LEVEL_METRICS,
                        StreamConfigs.RESOURCE_POLICY);
    }

    // ---- EnableEnhancedMonitoring / DisableEnhancedMonitoring -------------------------------------------------

    @Test
    void shouldAddAndRemoveShardLevelMetricsWhenChangingTheMonitoring() throws Exception {
        // Given
        create("m");
        assertThat(describe("m").enhancedMonitoring()).containsExactly(new EnhancedMetrics(List.of()));

        // When two metrics are enabled
        EnhancedMonitoringOutput enabled = call(() -> new EnableEnhancedMonitoringOperation(services)
                .execute(
                        new EnableEnhancedMonitoringInput("m", List.of("OutgoingBytes", "IncomingBytes"), null),
                        context));

        // Then the response gives before and after, in the spec's order, and the stream shows them
        assertThat(enabled.streamName()).isEqualTo("m");
        assertThat(enabled.streamArn()).isEqualTo(arn("m"));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingBytes");
        assertThat(describe("m").enhancedMonitoring())
                .containsExactly(new EnhancedMetrics(List.of("IncomingBytes", "OutgoingBytes")));
        assertThat(summary("m").enhancedMonitoring())
                .containsExactly(new EnhancedMetrics(List.of("IncomingBytes", "OutgoingBytes")));

        // When ALL are enabled, by ARN
        EnhancedMonitoringOutput all = call(() -> new EnableEnhancedMonitoringOperation(services)
                .execute(new EnableEnhancedMonitoringInput(null, List.of("ALL"), arn("m")), context));

        // Then
        assertThat(all.currentShardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingBytes");
        assertThat(all.desiredShardLevelMetrics()).containsExactlyElementsOf(StreamConfigs.METRICS);

        // When one is disabled, then ALL
        EnhancedMonitoringOutput one = call(() -> new DisableEnhancedMonitoringOperation(services)
                .execute(new DisableEnhancedMonitoringInput("m", List.of("IteratorAgeMilliseconds"), null), context));
        assertThat(one.desiredShardLevelMetrics()).hasSize(6).doesNotContain("IteratorAgeMilliseconds");
        assertThat(describe("m").enhancedMonitoring().get(0).shardLevelMetrics())
                .hasSize(6);
        EnhancedMonitoringOutput none = call(() -> new DisableEnhancedMonitoringOperation(services)
                .execute(new DisableEnhancedMonitoringInput("m", List.of("ALL"), null), context));

        // Then
        assertThat(none.currentShardLevelMetrics()).hasSize(6);
        assertThat(none.desiredShardLevelMetrics()).isEmpty();
        assertThat(describe("m").enhancedMonitoring()).containsExactly(new EnhancedMetrics(List.of()));
        assertThat(store.stream("m").orElseThrow().settings().configs())
                .doesNotContainKey(StreamConfigs.SHARD_LEVEL_METRICS);
    }

    @Test
    void shouldAnswerAwsErrorsWhenTheMetricsAreInvalid() throws Exception {
        // Given
        create("m");

        // Then
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("m", null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'shardLevelMetrics' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("m", List.of(), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
        assertThat(failure(() -> new DisableEnhancedMonitoringOperation(services)
                        .execute(new DisableEnhancedMonitoringInput("m", List.of("Bytes"), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value 'Bytes' at 'shardLevelMetrics.1.member' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [IncomingBytes,"
                        + " IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded,"
                        + " ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]");
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("m", Collections.nCopies(8, "ALL"), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageEndingWith("Member must have length less than or equal to 7");
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("no such", List.of("ALL"), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageContaining("at 'streamName' failed to satisfy constraint");
        assertThat(failure(() -> new EnableEnhancedMonitoringOperation(services)
                        .execute(new EnableEnhancedMonitoringInput("gone", List.of("ALL"), null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream gone under account 123456789012 not found.");
    }

    // ---- PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy -----------------------------------------

    @Test
    void shouldKeepReplaceAndDeleteAResourcePolicy() throws Exception {
        // Given a stream without a policy
        create("p");
        assertThat(call(() -> new GetResourcePolicyOperation(services)
                                .execute(new GetResourcePolicyInput(arn("p")), context))
                        .policy())
                .isEqualTo("{}");

        // When
        call(() -> new PutResourcePolicyOperation(services)
                .execute(new PutResourcePolicyInput(arn("p"), POLICY), context));

        // Then it is given back as put, and kept in the stream's configs
        assertThat(call(() -> new GetResourcePolicyOperation(services)
                                .execute(new GetResourcePolicyInput(arn("p")), context))
                        .policy())
                .isEqualTo(POLICY);
        assertThat(store.stream("p").orElseThrow().settings().configs())
                .containsEntry(StreamConfigs.RESOURCE_POLICY, POLICY);

        // When replaced, then deleted
        call(() -> new PutResourcePolicyOperation(services)
                .execute(new PutResourcePolicyInput(arn("p"), "{\"Version\":\"2012-10-17\"}"), context));
        assertThat(call(() -> new GetResourcePolicyOperation(services)
                                .execute(new GetResourcePolicyInput(arn("p")), context))
                        .policy())
                .isEqualTo("{\"Version\":\"2012-10-17\"}");
        call(() ->
                new DeleteResourcePolicyOperation(services).execute(new DeleteResourcePolicyInput(arn("p")), context));

        // Then
        assertThat(call(() -> new GetResourcePolicyOperation(services)
                                .execute(new GetResourcePolicyInput(arn("p")), context))
                        .policy())
                .isEqualTo("{}");
        assertThat(store.stream("p").orElseThrow().settings().configs())
                .doesNotContainKey(StreamConfigs.RESOURCE_POLICY);
        assertThat(failure(() -> new DeleteResourcePolicyOperation(services)
                        .execute(new DeleteResourcePolicyInput(arn("p")), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("No resource policy found for resource " + arn("p") + " under account 123456789012.");
    }

    @Test
    void shouldAnswerAwsErrorsWhenAResourcePolicyRequestIsInvalid() throws Exception {
        // Given
        create("p");

        // Then
        assertThat(failure(() -> new PutResourcePolicyOperation(services)
                        .execute(new PutResourcePolicyInput(null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value null at 'resourceARN' failed to satisfy"
                        + " constraint: Member must not be null; Value null at 'policy' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> new GetResourcePolicyOperation(services)
                        .execute(new GetResourcePolicyInput("arn:aws:s3:::bucket"), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageStartingWith("1 validation error detected: Value 'arn:aws:s3:::bucket' at 'resourceARN'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThat(failure(() -> new PutResourcePolicyOperation(services)
                        .execute(new PutResourcePolicyInput(arn("p"), "not json"), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new PutResourcePolicyOperation(services)
                        .execute(new PutResourcePolicyInput(arn("p"), "[]"), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new PutResourcePolicyOperation(services)
                        .execute(new PutResourcePolicyInput(arn("gone"), POLICY), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new GetResourcePolicyOperation(services)
                        .execute(new GetResourcePolicyInput(arn("p") + "/consumer/c:1"), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new DeleteResourcePolicyOperation(services)
                        .execute(
                                new DeleteResourcePolicyInput("arn:aws:kinesis:us-east-1:123456789012:stream/p"),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(store.stream("p").orElseThrow().settings().configs())
                .doesNotContainKey(StreamConfigs.RESOURCE_POLICY);
    }

    // ---- DescribeLimits --------------------------------------------------------------------------------------

    @Test
    void shouldCountOpenShardsAndOnDemandStreamsWhenDescribingLimits() throws Exception {
        // Given an empty store
        DescribeLimitsInput input = WireFormat.JSON.mapper().readValue("{}", DescribeLimitsInput.class);
        assertThat(call(() -> new DescribeLimitsOperation(services).execute(input, context)))
                .isEqualTo(new DescribeLimitsOutput(1_000_000, 0, 0, 1_000_000, 0, 1_000_000));

        // When a provisioned stream of 3 shards and an on-demand one (4 shards) are created, and one shard split
        call(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("three", 3, null, null, null, null), context));
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput("auto", null, new StreamModeDetails("ON_DEMAND"), null, null, null),
                        context));
        call(() -> new SplitShardOperation(services)
                .execute(new SplitShardInput("three", "shardId-000000000000", "1000", null), context));

        // Then the closed parent is not counted, its two children are
        DescribeLimitsOutput limits = call(() -> new DescribeLimitsOperation(services).execute(input, context));
        assertThat(limits.openShardCount()).isEqualTo(3 + 1 + 4);
        assertThat(limits.onDemandStreamCount()).isEqualTo(1);
        assertThat(limits.shardLimit()).isEqualTo(DescribeLimitsOperation.NO_LIMIT);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(DescribeLimitsOperation.NO_LIMIT);
    }

    // ---- UpdateStreamMode ------------------------------------------------------------------------------------

    @Test
    void shouldRecordTheStreamModeWhenUpdatingIt() throws Exception {
        // Given a provisioned stream
        create("u");
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));

        // When switched to on-demand
        call(() -> new UpdateStreamModeOperation(services)
                .execute(new UpdateStreamModeInput(arn("u"), new StreamModeDetails("ON_DEMAND"), null), context));

        // Then every describing operation shows it, the shards are kept
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        assertThat(describe("u").streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        assertThat(describe("u").shards()).hasSize(1);
        assertThat(call(() -> new ListStreamsOperation(services)
                                .execute(new ListStreamsInput(null, null, null), context))
                        .streamSummaries())
                .extracting(StreamSummary::streamModeDetails)
                .containsExactly(new StreamModeDetails("ON_DEMAND"));
        assertThat(call(() -> new DescribeLimitsOperation(services).execute(new DescribeLimitsInput(), context))
                        .onDemandStreamCount())
                .isEqualTo(1);

        // When asked again, then back
        call(() -> new UpdateStreamModeOperation(services)
                .execute(new UpdateStreamModeInput(arn("u"), new StreamModeDetails("ON_DEMAND"), null), context));
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        call(() -> new UpdateStreamModeOperation(services)
                .execute(new UpdateStreamModeInput(arn("u"), new StreamModeDetails("PROVISIONED"), null), context));
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));
        assertThat(store.stream("u").orElseThrow().settings().configs())
                .containsEntry(Streams.MODE_CONFIG, "PROVISIONED");
    }

    @Test
    void shouldAnswerAwsErrorsWhenAStreamModeUpdateIsInvalid() throws Exception {
        // Given
        create("u");

        // Then
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(new UpdateStreamModeInput(null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint:"
                        + " Member must not be null; Value null at 'streamModeDetails' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(new UpdateStreamModeInput(arn("u"), new StreamModeDetails(null), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'streamModeDetails.streamMode' failed to"
                        + " satisfy constraint: Member must not be null");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(new UpdateStreamModeInput("u", new StreamModeDetails("AUTO"), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value 'u' at 'streamARN' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: "
                        + Constraints.STREAM_ARN.pattern()
                        + "; Value 'AUTO' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(
                                new UpdateStreamModeInput(arn("gone"), new StreamModeDetails("ON_DEMAND"), null),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream gone under account 123456789012 not found.");
        services = services(60_000);
        create("c");
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(
                                new UpdateStreamModeInput(arn("c"), new StreamModeDetails("ON_DEMAND"), null),
                                context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Stream c under account 123456789012 not ACTIVE, instead in state CREATING");
        assertThat(summary("u").streamModeDetails()).isEqualTo(new StreamModeDetails("PROVISIONED"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void create(String name) throws Exception {
        call(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput(name, 1, null, null, null, null), context));
    }

    private String arn(String name) {
        return services.arns().arn(name);
    }

    private StreamDescription describe(String stream) throws Exception {
        return call(() -> new DescribeStreamOperation(services)
                        .execute(new DescribeStreamInput(stream, null, null, null), context))
                .streamDescription();
    }

    private StreamDescriptionSummary summary(String stream) throws Exception {
        return call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(stream, null), context))
                .streamDescriptionSummary();
    }
}
