package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.UpdateStreamModeInput;
import io.shardgate.kinesis.model.UpdateStreamRecordDistributionStrategyInput;

/**
 * The record distribution strategy (ADR 0020): CreateStream's and UpdateStreamRecordDistributionStrategy's checks,
 * what DescribeStreamSummary shows, and what PutRecord, PutRecords and GetRecords do on an {@code AUTO} stream:
 * partition keys optional and ignored with explicit hash keys, records spread over the open shards, a record put
 * without a key read back without one.
 */
class RecordDistributionOperationsTest extends OperationsFixture {

    private static final String ARN_PREFIX = "arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":stream/";

    @Test
    void shouldCreateAnAutoStreamOnlyInOnDemandMode() throws Exception {
        // When an on-demand stream is created AUTO, and a provisioned one AUTO and USER_PARTITION_KEY
        createOnDemand("auto", "AUTO");
        KinesisException provisionedAuto = failure(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("prov", 2, null, null, null, null, "AUTO"), context));
        call(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("prov", 2, null, null, null, null, "USER_PARTITION_KEY"), context));
        KinesisException unknown = failure(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("other", 2, null, null, null, null, "RANDOM"), context));

        // Then only the on-demand one is AUTO, and the others get AWS's errors
        assertThat(strategy("auto")).isEqualTo("AUTO");
        assertThat(strategy("prov")).isEqualTo("USER_PARTITION_KEY");
        assertThat(provisionedAuto)
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("The AUTO record distribution strategy is only supported for streams in ON_DEMAND mode:"
                        + " stream prov under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertThat(unknown)
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value 'RANDOM' at 'recordDistributionStrategy' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [AUTO, USER_PARTITION_KEY]");
    }

    @Test
    void shouldSwitchTheStrategyOfAnOnDemandStreamBackAndForth() throws Exception {
        // Given an on-demand stream with AWS's default
        createOnDemand("od", null);
        assertThat(strategy("od")).isEqualTo("USER_PARTITION_KEY");

        // When it is made AUTO (twice: the second call changes nothing) and back
        update("od", "AUTO");
        update("od", "AUTO");
        String auto = strategy("od");
        update("od", "USER_PARTITION_KEY");

        // Then each change shows at once, and the stream stays ACTIVE
        assertThat(auto).isEqualTo("AUTO");
        assertThat(strategy("od")).isEqualTo("USER_PARTITION_KEY");
        assertThat(summary("od").streamStatus()).isEqualTo("ACTIVE");
    }

    @Test
    void shouldRefuseWhatTheSpecRefuses() throws Exception {
        // Given a provisioned stream and an on-demand AUTO one
        create("prov", 1);
        createOnDemand("auto", "AUTO");

        // Then AUTO on a provisioned stream, a missing ARN or strategy, an unknown stream, and a switch of an AUTO
        // stream to PROVISIONED are refused with AWS's error types
        assertThat(failure(() -> updateCall("prov", "AUTO")))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new UpdateStreamRecordDistributionStrategyOperation(services)
                        .execute(new UpdateStreamRecordDistributionStrategyInput(null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint:"
                        + " Member must not be null; Value null at 'recordDistributionStrategy' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> updateCall("missing", "AUTO")))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new UpdateStreamModeOperation(services)
                        .execute(
                                new UpdateStreamModeInput(
                                        ARN_PREFIX + "auto", new StreamModeDetails("PROVISIONED"), null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining("uses the AUTO record distribution strategy");
        assertThat(Streams.mode(store.stream("auto").orElseThrow())).isEqualTo("ON_DEMAND");

        // And a provisioned stream may be set to the default it already has
        call(() -> updateCall("prov", "USER_PARTITION_KEY"));
    }

    @Test
    void shouldSpreadRecordsWithoutKeysAndReadThemBackWithoutKeys() throws Exception {
        // Given an AUTO stream of four shards
        createOnDemand("auto", "AUTO");

        // When 400 records go without keys and with explicit hash keys that all name the first shard
        Map<String, Integer> perShard = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String shard = call(() -> new PutRecordOperation(services)
                            .execute(new PutRecordInput("auto", bytes("one"), null, "0", null, null, null), context))
                    .shardId();
            perShard.merge(shard, 1, Integer::sum);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(new PutRecordsRequestEntry(bytes("many"), "0", i % 2 == 0 ? null : "key-" + i));
        }
        var result = call(() ->
                new PutRecordsOperation(services).execute(new PutRecordsInput(entries, "auto", null, null), context));
        result.records().forEach(entry -> perShard.merge(entry.shardId(), 1, Integer::sum));

        // Then every record is stored, on every one of the four shards
        assertThat(result.failedRecordCount()).isZero();
        assertThat(perShard).hasSize(4);
        assertThat(perShard.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);

        // And read back, a record put without a key has none, one put with a key keeps it
        List<Record> read = new ArrayList<>();
        for (String shard : perShard.keySet()) {
            read.addAll(readAll("auto", shard));
        }
        assertThat(read).hasSize(400);
        assertThat(read.stream().filter(r -> r.partitionKey() == null)).hasSize(300);
        assertThat(read.stream().filter(r -> r.partitionKey() != null).map(Record::partitionKey))
                .hasSize(100)
                .allMatch(key -> key.startsWith("key-"));
    }

    @Test
    void shouldRequireKeysAgainOnceTheStreamIsBackToUserPartitionKey() throws Exception {
        // Given an on-demand stream that was AUTO and is USER_PARTITION_KEY again
        createOnDemand("od", "AUTO");
        call(() -> new PutRecordOperation(services)
                .execute(new PutRecordInput("od", bytes("keyless"), null, null, null, null, null), context));
        update("od", "USER_PARTITION_KEY");

        // When records without keys are put
        KinesisException one = failure(() -> new PutRecordOperation(services)
                .execute(new PutRecordInput("od", bytes("x"), null, null, null, null, null), context));
        KinesisException many = failure(() -> new PutRecordsOperation(services)
                .execute(
                        new PutRecordsInput(
                                List.of(
                                        new PutRecordsRequestEntry(bytes("a"), null, "k"),
                                        new PutRecordsRequestEntry(bytes("b"), null, null)),
                                "od",
                                null,
                                null),
                        context));

        // Then both are refused as AWS refuses a missing required member, and a record put keyless before reads
        // back without a key still
        assertThat(one)
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint:"
                        + " Member must not be null");
        assertThat(many)
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'records.2.member.partitionKey' failed to"
                        + " satisfy constraint: Member must not be null");
        List<Record> read = new ArrayList<>();
        for (int shard = 0; shard < CreateStreamOperation.ON_DEMAND_SHARDS; shard++) {
            read.addAll(readAll("od", "shardId-00000000000" + shard));
        }
        assertThat(read).singleElement().returns(null, Record::partitionKey);
    }

    private List<Record> readAll(String stream, String shardId) throws Exception {
        String iterator = iterator(stream, shardId, "TRIM_HORIZON");
        return call(() -> new GetRecordsOperation(services)
                        .execute(new GetRecordsInput(iterator, null, null, null), context))
                .records();
    }

    private void createOnDemand(String name, String strategy) throws Exception {
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput(
                                name, null, new StreamModeDetails("ON_DEMAND"), null, null, null, strategy),
                        context));
    }

    private java.util.concurrent.CompletionStage<?> updateCall(String name, String strategy) {
        return new UpdateStreamRecordDistributionStrategyOperation(services)
                .execute(new UpdateStreamRecordDistributionStrategyInput(ARN_PREFIX + name, strategy), context);
    }

    private void update(String name, String strategy) throws Exception {
        call(() -> updateCall(name, strategy));
    }

    private io.shardgate.kinesis.model.StreamDescriptionSummary summary(String name) throws Exception {
        return call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(name, null), context))
                .streamDescriptionSummary();
    }

    private String strategy(String name) throws Exception {
        return summary(name).recordDistributionStrategy();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
