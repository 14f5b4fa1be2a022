package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DescribeLimitsInput;
import io.shardgate.kinesis.model.DescribeLimitsOutput;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListStreamsInput;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.PutRecordsResultEntry;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.UpdateShardCountInput;
import io.shardgate.kinesis.model.UpdateStreamModeInput;
import io.shardgate.store.limits.KinesisQuotas;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.limits.LimitsProfile;

/**
 * The Kinesis data plane under the limits profiles (D8), with the ledger on a ticker moved by hand: per-record
 * throttling in PutRecords, PutRecord's whole-call error, GetRecords' 5 calls/s and 10 MiB penalty, GetShardIterator's
 * 5 requests/s, and the profile a stream gets from CreateStream and UpdateStreamMode.
 */
class LimitsOperationsTest extends OperationsFixture {

    private static final String ARN_PREFIX = "arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":stream/";

    private long nanos = 1_000_000_000L;

    @BeforeEach
    void kinesisDefault() {
        services = withDefault(LimitsProfile.KINESIS_PROVISIONED);
    }

    private KinesisServices withDefault(LimitsProfile profile) {
        return new KinesisServices(
                store,
                new ShardIterators(new byte[32], clock),
                clock,
                new KinesisListenerConfig("127.0.0.1", 0, "eu-west-1", ACCOUNT, 8 << 20, 0),
                new Limits(profile, KinesisQuotas.DEFAULT_SHARD_QUOTA, () -> nanos));
    }

    private void advanceMillis(long ms) {
        nanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private String profile(String stream) {
        return store.stream(stream).orElseThrow().settings().limitsProfile();
    }

    @Test
    void newStreamsTakeTheProfileOfTheirModeUnderAKinesisDefaultAndUpdateStreamModeSwitchesIt() throws Exception {
        // When
        create("prov", 1);
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput("od", null, new StreamModeDetails("ON_DEMAND"), null, null, null),
                        context));

        // Then
        assertThat(profile("prov")).isEqualTo("kinesis-provisioned");
        assertThat(profile("od")).isEqualTo("kinesis-on-demand");
        call(() -> new UpdateStreamModeOperation(services)
                .execute(
                        new UpdateStreamModeInput(ARN_PREFIX + "prov", new StreamModeDetails("ON_DEMAND"), null),
                        context));
        assertThat(profile("prov")).isEqualTo("kinesis-on-demand");
        call(() -> new UpdateStreamModeOperation(services)
                .execute(
                        new UpdateStreamModeInput(ARN_PREFIX + "od", new StreamModeDetails("PROVISIONED"), null),
                        context));
        assertThat(profile("od")).isEqualTo("kinesis-provisioned");
    }

    @Test
    void streamsOutsideTheKinesisProfilesKeepTheirProfileWhenTheModeChanges() throws Exception {
        // Given the default profile
        services = withDefault(LimitsProfile.UNLIMITED);
        create("free", 1);

        // When
        call(() -> new UpdateStreamModeOperation(services)
                .execute(
                        new UpdateStreamModeInput(ARN_PREFIX + "free", new StreamModeDetails("ON_DEMAND"), null),
                        context));

        // Then
        assertThat(profile("free")).isEqualTo("unlimited");
        for (int i = 0; i < 20; i++) {
            iterator("free", "shardId-000000000000", "LATEST");
        }
    }

    @Test
    void putRecordsFailsTheRecordsOverTheShardBudgetOneByOneAndStoresTheOthers() throws Exception {
        // Given
        create("burst", 1);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(new PutRecordsRequestEntry(("v" + i).getBytes(StandardCharsets.UTF_8), null, "k" + i));
        }

        // When three calls of 500 records come within the same second
        List<PutRecordsOutput> outputs = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            outputs.add(call(() -> new PutRecordsOperation(services)
                    .execute(new PutRecordsInput(entries, "burst", null, null), context)));
        }

        // Then the shard takes 1,000 records and the last 500 fail with AWS's error
        assertThat(outputs.get(0).failedRecordCount()).isZero();
        assertThat(outputs.get(1).failedRecordCount()).isZero();
        assertThat(outputs.get(2).failedRecordCount()).isEqualTo(500);
        PutRecordsResultEntry failed = outputs.get(2).records().get(0);
        assertThat(failed.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(failed.errorMessage())
                .isEqualTo(
                        "Rate exceeded for shard shardId-000000000000 in stream burst under account " + ACCOUNT + ".");
        assertThat(failed.sequenceNumber()).isNull();
        assertThat(failed.shardId()).isNull();

        // and the retry a second later is stored
        advanceMillis(1_000);
        PutRecordsOutput retried = call(() ->
                new PutRecordsOperation(services).execute(new PutRecordsInput(entries, "burst", null, null), context));
        assertThat(retried.failedRecordCount()).isZero();
        List<Record> records = readAll("burst", 1_500);
        assertThat(records).hasSize(1_500);
        assertThat(records.get(1_499).sequenceNumber())
                .isEqualTo(retried.records().get(499).sequenceNumber());
    }

    @Test
    void putRecordsThrottlesByBytesToo() throws Exception {
        // Given
        create("bytes", 1);
        byte[] data = new byte[300 * 1024];
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(new PutRecordsRequestEntry(data, null, "k"));
        }

        // When 1,200 KiB arrive at a 1 MiB/s shard
        PutRecordsOutput output = call(() ->
                new PutRecordsOperation(services).execute(new PutRecordsInput(entries, "bytes", null, null), context));

        // Then the fourth record does not fit
        assertThat(output.failedRecordCount()).isEqualTo(1);
        assertThat(output.records().get(3).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(output.records().subList(0, 3))
                .allSatisfy(entry -> assertThat(entry.sequenceNumber()).isNotNull());
    }

    @Test
    void putRecordOverTheBudgetFailsTheCall() throws Exception {
        // Given
        create("single", 1);
        PutRecordInput big = new PutRecordInput("single", new byte[1024 * 1024 - 1], "k", null, null, null, null);
        call(() -> new PutRecordOperation(services).execute(big, context));

        // When
        KinesisException error =
                failure(() -> new PutRecordOperation(services).execute(put("single", "k", "v"), context));

        // Then
        assertThat(error.error()).isEqualTo(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED);
        assertThat(error.getMessage())
                .isEqualTo(
                        "Rate exceeded for shard shardId-000000000000 in stream single under account " + ACCOUNT + ".");
        advanceMillis(1_000);
        call(() -> new PutRecordOperation(services).execute(put("single", "k", "v"), context));
    }

    @Test
    void getRecordsServesFiveCallsPerSecondPerShard() throws Exception {
        // Given
        create("reads", 1);
        String iterator = iterator("reads", "shardId-000000000000", "TRIM_HORIZON");

        // When
        for (int i = 0; i < KinesisQuotas.SHARD_READ_CALLS_PER_SECOND; i++) {
            call(() -> new GetRecordsOperation(services)
                    .execute(new GetRecordsInput(iterator, null, null, null), context));
        }
        KinesisException error = failure(() ->
                new GetRecordsOperation(services).execute(new GetRecordsInput(iterator, null, null, null), context));

        // Then
        assertThat(error.error()).isEqualTo(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED);
        assertThat(error.getMessage())
                .isEqualTo("Rate exceeded for Shard - " + ACCOUNT + "/reads/shardId-000000000000");
        advanceMillis(200);
        call(() -> new GetRecordsOperation(services).execute(new GetRecordsInput(iterator, null, null, null), context));
    }

    @Test
    void getRecordsRefusesCallsForFiveSecondsAfterATenMebibyteAnswer() throws Exception {
        // Given ten records of almost 1 MiB, written a second apart
        create("large", 1);
        for (int i = 0; i < 10; i++) {
            PutRecordInput record =
                    new PutRecordInput("large", new byte[1024 * 1024 - 1024], "k" + i, null, null, null, null);
            call(() -> new PutRecordOperation(services).execute(record, context));
            advanceMillis(1_000);
        }
        String iterator = iterator("large", "shardId-000000000000", "TRIM_HORIZON");

        // When one call reads them all
        GetRecordsOutput read = call(() ->
                new GetRecordsOperation(services).execute(new GetRecordsInput(iterator, null, null, null), context));

        // Then the shard's reads are owed for 5 seconds
        assertThat(read.records()).hasSize(10);
        String next = read.nextShardIterator();
        advanceMillis(KinesisQuotas.LARGEST_READ_PENALTY_SECONDS * 1_000L - 100);
        assertThat(failure(() -> new GetRecordsOperation(services)
                        .execute(new GetRecordsInput(next, null, null, null), context)))
                .returns(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED, KinesisException::error);
        advanceMillis(100);
        call(() -> new GetRecordsOperation(services).execute(new GetRecordsInput(next, null, null, null), context));
    }

    @Test
    void getShardIteratorServesFiveRequestsPerSecondPerShard() throws Exception {
        // Given
        create("iterators", 2);
        for (int i = 0; i < KinesisQuotas.SHARD_ITERATORS_PER_SECOND; i++) {
            iterator("iterators", "shardId-000000000000", "LATEST");
        }

        // When
        KinesisException error = failure(() -> new GetShardIteratorOperation(services)
                .execute(
                        new GetShardIteratorInput(
                                "iterators", "shardId-000000000000", "LATEST", null, null, null, null),
                        context));

        // Then
        assertThat(error.error()).isEqualTo(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED);
        assertThat(error.getMessage())
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream iterators under account " + ACCOUNT
                        + ".");
        iterator("iterators", "shardId-000000000001", "LATEST");
        advanceMillis(200);
        iterator("iterators", "shardId-000000000000", "LATEST");
    }

    @SuppressWarnings("unchecked")
    private <I> Object served(KinesisServices with, String operation, I input) throws Exception {
        KinesisOperation<I, ?> found = (KinesisOperation<I, ?>)
                new KinesisOperations(with).find(operation).orElseThrow();
        return call(() -> found.execute(input, context));
    }

    @SuppressWarnings("unchecked")
    private <I> KinesisException refused(KinesisServices with, String operation, I input) {
        KinesisOperation<I, ?> found = (KinesisOperation<I, ?>)
                new KinesisOperations(with).find(operation).orElseThrow();
        return failure(() -> found.execute(input, context));
    }

    @Test
    void controlPlaneCallsOverTheAccountRateAreLimitExceeded() throws Exception {
        // Given
        create("control", 1);
        KinesisOperations operations = new KinesisOperations(services);
        DescribeStreamInput describe = new DescribeStreamInput("control", null, null, null);
        for (int i = 0; i < 10; i++) {
            served(services, "DescribeStream", describe);
        }

        // When
        KinesisException error = refused(services, "DescribeStream", describe);

        // Then
        assertThat(error.error()).isEqualTo(KinesisError.LIMIT_EXCEEDED);
        assertThat(error.getMessage()).isEqualTo("Rate exceeded for stream control under account " + ACCOUNT + ".");
        assertThat(operations.find("DescribeStream").orElseThrow().name()).isEqualTo("DescribeStream");
        served(services, "DescribeStreamSummary", new DescribeStreamSummaryInput("control", null));
        advanceMillis(100);
        served(services, "DescribeStream", describe);

        for (int i = 0; i < 5; i++) {
            served(services, "ListStreams", new ListStreamsInput(null, null, null));
        }
        assertThat(refused(services, "ListStreams", new ListStreamsInput(null, null, null))
                        .getMessage())
                .isEqualTo("Rate exceeded for account " + ACCOUNT + ".");
    }

    @Test
    void withoutAKinesisDefaultTheAccountRatesDoNotApply() throws Exception {
        services = withDefault(LimitsProfile.UNLIMITED);
        create("free", 1);
        for (int i = 0; i < 50; i++) {
            served(services, "DescribeStream", new DescribeStreamInput("free", null, null, null));
        }
    }

    @Test
    void listShardsIsCountedPerStreamUnderTheStreamsProfile() throws Exception {
        // Given an unlimited gateway, one stream under kinesis-provisioned and one without limits
        services = withDefault(LimitsProfile.UNLIMITED);
        create("limited", 1);
        create("free", 1);
        store.alterStream("limited", settings -> settings.withLimitsProfile("kinesis-provisioned"))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        ListShardsInput limited = new ListShardsInput("limited", null, null, null, null, null, null);
        for (int i = 0; i < 1_000; i++) {
            served(services, "ListShards", limited);
        }

        // When / Then
        KinesisException error = refused(services, "ListShards", limited);
        assertThat(error.error()).isEqualTo(KinesisError.LIMIT_EXCEEDED);
        assertThat(error.getMessage()).isEqualTo("Rate exceeded for stream limited under account " + ACCOUNT + ".");
        for (int i = 0; i < 1_100; i++) {
            served(services, "ListShards", new ListShardsInput("free", null, null, null, null, null, null));
        }
    }

    @Test
    void theShardQuotaBoundsCreateStreamUpdateShardCountAndSplitShardAndDescribeLimitsReportsIt() throws Exception {
        // Given a quota of 10 shards
        services = new KinesisServices(
                store,
                new ShardIterators(new byte[32], clock),
                clock,
                new KinesisListenerConfig("127.0.0.1", 0, "eu-west-1", ACCOUNT, 8 << 20, 0),
                new Limits(LimitsProfile.KINESIS_PROVISIONED, 10, () -> nanos));
        create("six", 6);

        // When / Then
        KinesisException tooMany = failure(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("five", 5, null, null, null, null), context));
        assertThat(tooMany.error()).isEqualTo(KinesisError.LIMIT_EXCEEDED);
        assertThat(tooMany.getMessage())
                .isEqualTo("This request would exceed the shard limit for the account " + ACCOUNT + " in eu-west-1."
                        + " Current shard count for the account: 6. Limit: 10. Number of additional shards that would"
                        + " have resulted from this request: 5.");
        create("four", 4);
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("four", 5, "UNIFORM_SCALING", null), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(
                                new SplitShardInput("four", "shardId-000000000000", "12345678901234567890", null),
                                context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
        call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("four", 2, "UNIFORM_SCALING", null), context));
        DescribeLimitsOutput limits =
                call(() -> new DescribeLimitsOperation(services).execute(new DescribeLimitsInput(), context));
        assertThat(limits.shardLimit()).isEqualTo(10);
        assertThat(limits.openShardCount()).isEqualTo(8);
    }

    private List<Record> readAll(String stream, int expected) throws Exception {
        List<Record> records = new ArrayList<>();
        String iterator = iterator(stream, "shardId-000000000000", "TRIM_HORIZON");
        while (records.size() < expected) {
            advanceMillis(1_000);
            String current = iterator;
            GetRecordsOutput output = call(() ->
                    new GetRecordsOperation(services).execute(new GetRecordsInput(current, null, null, null), context));
            if (output.records().isEmpty()) {
                break;
            }
            records.addAll(output.records());
            iterator = output.nextShardIterator();
        }
        return records;
    }
}
