package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.StreamDescriptionSummary;
import io.shardgate.kinesis.model.UpdateMaxRecordSizeInput;
import io.shardgate.store.NewStream;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;
import io.shardgate.store.lmdb.StoreListener;

/**
 * UpdateMaxRecordSize and the maximum record size it sets (ADR 0015): the range and AWS's messages, what PutRecord and
 * PutRecords take under each size (the record limit of the stream, the 10 MiB spec bound, the 10 MiB PutRecords
 * total), what DescribeStreamSummary reports, and that the size survives a restart of the store.
 */
class MaxRecordSizeOperationsTest extends OperationsFixture {

    private static final int MIB = 1024 * 1024;

    /** One put: the stream's {@code MaxRecordSizeInKiB} (null = CreateStream's default), the call, the outcome. */
    static Stream<Arguments> puts() {
        return Stream.of(
                Arguments.of("default stream, PutRecord of 1 MiB", null, one(MIB), null, null),
                Arguments.of(
                        "default stream, PutRecord of 1 MiB + 1",
                        null,
                        one(MIB + 1),
                        KinesisError.VALIDATION,
                        "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have"
                                + " length less than or equal to 1048576"),
                Arguments.of("2048 KiB stream, PutRecord of 2 MiB", 2048, one(2 * MIB), null, null),
                Arguments.of(
                        "2048 KiB stream, PutRecord of 2 MiB + 1",
                        2048,
                        one(2 * MIB + 1),
                        KinesisError.VALIDATION,
                        "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have"
                                + " length less than or equal to 2097152"),
                Arguments.of("10240 KiB stream, PutRecord of 10 MiB", 10240, one(10 * MIB), null, null),
                Arguments.of(
                        "10240 KiB stream, PutRecord above the spec's 10 MiB",
                        10240,
                        one(10 * MIB + 1),
                        KinesisError.VALIDATION,
                        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761"
                                + " cap=10485761]' at 'data' failed to satisfy constraint: Member must have length less"
                                + " than or equal to 10485760"),
                Arguments.of(
                        "default stream, PutRecords of 9 records of 1 MiB (above the old 5 MiB total)",
                        null,
                        many(9, MIB),
                        null,
                        null),
                Arguments.of(
                        "default stream, PutRecords with two records of 1 MiB + 1",
                        null,
                        many(List.of(10, MIB + 1, 20, MIB + 1)),
                        KinesisError.VALIDATION,
                        "2 validation errors detected: Value at 'records.2.member.data' failed to satisfy"
                                + " constraint: Member must have length less than or equal to 1048576; Value at"
                                + " 'records.4.member.data' failed to satisfy constraint: Member must have length less"
                                + " than or equal to 1048576"),
                Arguments.of(
                        "10240 KiB stream, PutRecords of one 10 MiB record less its key",
                        10240,
                        many(List.of(10 * MIB - 1)),
                        null,
                        null),
                Arguments.of(
                        "10240 KiB stream, PutRecords of 10 MiB of data and a key",
                        10240,
                        many(List.of(5 * MIB, 5 * MIB)),
                        KinesisError.INVALID_ARGUMENT,
                        "Records size exceeds 10 MB limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("puts")
    void shouldTakeRecordsUpToTheStreamsMaximumRecordSize(
            String name, Integer maxKib, Object request, KinesisError error, String message) throws Exception {
        // Given
        call(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput("s", 1, null, null, null, maxKib), context));

        // When
        Supplier<CompletionStage<?>> put = () -> request instanceof PutRecordInput one
                ? new PutRecordOperation(services).execute(one, context)
                : new PutRecordsOperation(services).execute((PutRecordsInput) request, context);

        // Then
        if (error == null) {
            Object output = call(put::get);
            if (output instanceof PutRecordsOutput records) {
                assertThat(records.failedRecordCount()).isZero();
            }
            assertThat(written()).isPositive();
        } else {
            assertThat(failure(put::get))
                    .returns(error, KinesisException::error)
                    .hasMessage(message);
            assertThat(written()).isZero();
        }
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                Arguments.of(
                        "below 1024 KiB",
                        new UpdateMaxRecordSizeInput(ARN, 1023),
                        KinesisError.VALIDATION,
                        "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy"
                                + " constraint: Member must have value greater than or equal to 1024"),
                Arguments.of(
                        "above 10240 KiB",
                        new UpdateMaxRecordSizeInput(ARN, 10241),
                        KinesisError.VALIDATION,
                        "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy"
                                + " constraint: Member must have value less than or equal to 10240"),
                Arguments.of(
                        "no size, a malformed ARN",
                        new UpdateMaxRecordSizeInput("arn:s", null),
                        KinesisError.VALIDATION,
                        "2 validation errors detected: Value 'arn:s' at 'streamARN' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern:"
                                + " arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+; Value null at 'maxRecordSizeInKiB'"
                                + " failed to satisfy constraint: Member must not be null"),
                Arguments.of(
                        "no stream named",
                        new UpdateMaxRecordSizeInput(null, 2048),
                        KinesisError.INVALID_ARGUMENT,
                        "Either StreamName or StreamARN must be provided."),
                Arguments.of(
                        "a missing stream",
                        new UpdateMaxRecordSizeInput(ARN.replace("/s", "/gone"), 2048),
                        KinesisError.RESOURCE_NOT_FOUND,
                        "Stream gone under account 123456789012 not found."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUpdates")
    void shouldAnswerAwsErrorsAndKeepTheSizeWhenAnUpdateIsInvalid(
            String name, UpdateMaxRecordSizeInput input, KinesisError error, String message) throws Exception {
        // Given
        create("s", 1);

        // When
        KinesisException failure = failure(() -> new UpdateMaxRecordSizeOperation(services).execute(input, context));

        // Then
        assertThat(failure).returns(error, KinesisException::error).hasMessage(message);
        assertThat(summary("s").maxRecordSizeInKiB()).isEqualTo(1024);
    }

    @Test
    void shouldRefuseAnOutOfRangeSizeWhenCreatingAStream() {
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(new CreateStreamInput("s", 1, null, null, null, 10241), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 10240");
        assertThat(store.stream("s")).isEmpty();
    }

    @Test
    void shouldRefuseAnUpdateWhileTheStreamIsNotActive() throws Exception {
        // Given a stream still CREATING
        services = services(60_000);
        create("s", 1);

        // Then
        assertThat(failure(() -> new UpdateMaxRecordSizeOperation(services)
                        .execute(new UpdateMaxRecordSizeInput(ARN, 2048), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Stream s under account 123456789012 not ACTIVE, instead in state CREATING");
        assertThat(store.stream("s").orElseThrow().settings().maxRecordBytes()).isEqualTo(MIB);
    }

    @Test
    void shouldReportAndKeepTheSizeAcrossARestartWhenUpdated() throws Exception {
        // Given
        create("s", 1);
        assertThat(summary("s").maxRecordSizeInKiB()).isEqualTo(1024);

        // When
        call(() ->
                new UpdateMaxRecordSizeOperation(services).execute(new UpdateMaxRecordSizeInput(ARN, 5000), context));

        // Then DescribeStreamSummary reports it, the store holds it (Kafka's max.message.bytes), the stream stays
        // ACTIVE
        assertThat(summary("s").maxRecordSizeInKiB()).isEqualTo(5000);
        assertThat(summary("s").streamStatus()).isEqualTo("ACTIVE");
        assertThat(store.stream("s").orElseThrow().settings().maxRecordBytes()).isEqualTo(5000 * 1024);

        // When the store is closed and opened again
        store.close();
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), StoreListener.NONE, clock);
        services = services(0);

        // Then the size is still there and a record of that size goes in and comes back whole
        assertThat(summary("s").maxRecordSizeInKiB()).isEqualTo(5000);
        byte[] data = bytes(5000 * 1024);
        call(() -> new PutRecordOperation(services)
                .execute(new PutRecordInput("s", data, "k", null, null, null, null), context));
        String iterator = iterator("s", "shardId-000000000000", "TRIM_HORIZON");
        assertThat(call(() -> new GetRecordsOperation(services)
                                .execute(new GetRecordsInput(iterator, null, null, null), context))
                        .records()
                        .get(0)
                        .data())
                .isEqualTo(ByteBuffer.wrap(data));
        assertThat(failure(() -> new PutRecordOperation(services)
                        .execute(
                                new PutRecordInput("s", bytes(5000 * 1024 + 1), "k", null, null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageEndingWith("less than or equal to 5120000");
    }

    @Test
    void shouldShowAKafkaTopicsMaxMessageBytesInWholeKibWithinTheKinesisRange() throws Exception {
        // Given a topic at Kafka's default max.message.bytes (1 MiB + 12) and one below 1 MiB
        store.createStream(NewStream.uniform(
                        "kafka-default",
                        StreamOrigin.KAFKA,
                        StreamSettings.defaults().withMaxRecordBytes(MIB + 12),
                        1))
                .toCompletableFuture()
                .get();
        store.createStream(NewStream.uniform(
                        "kafka-small",
                        StreamOrigin.KAFKA,
                        StreamSettings.defaults().withMaxRecordBytes(1000),
                        1))
                .toCompletableFuture()
                .get();

        // Then both show Kinesis's minimum, 1024 KiB, and take a 1 MiB record
        assertThat(summary("kafka-default").maxRecordSizeInKiB()).isEqualTo(1024);
        assertThat(summary("kafka-small").maxRecordSizeInKiB()).isEqualTo(1024);
        call(() -> new PutRecordOperation(services)
                .execute(new PutRecordInput("kafka-small", bytes(MIB), "k", null, null, null, null), context));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static final String ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/s";

    private static PutRecordInput one(int size) {
        return new PutRecordInput("s", bytes(size), "k", null, null, null, null);
    }

    private static PutRecordsInput many(int count, int size) {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sizes.add(size);
        }
        return many(sizes);
    }

    private static PutRecordsInput many(List<Integer> sizes) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int size : sizes) {
            entries.add(new PutRecordsRequestEntry(bytes(size), null, "k"));
        }
        return new PutRecordsInput(entries, "s", null, null);
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31);
        }
        return data;
    }

    private long written() throws Exception {
        return call(() -> store.offsets(new ShardRef("s", 0))).highWatermark();
    }

    private StreamDescriptionSummary summary(String stream) throws Exception {
        return call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(stream, null), context))
                .streamDescriptionSummary();
    }
}
