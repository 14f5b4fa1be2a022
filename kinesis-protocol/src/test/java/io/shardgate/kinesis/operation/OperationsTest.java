package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListShardsOutput;
import io.shardgate.kinesis.model.ListStreamsInput;
import io.shardgate.kinesis.model.ListStreamsOutput;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordOutput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.ShardFilter;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewShard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StreamStatus;

/** The operations against a real LMDB store, called directly: life cycle, resharded shards, iterators, paging. */
class OperationsTest extends OperationsFixture {

    @Test
    void shouldStartFourShardsWhenTheStreamIsOnDemand() throws Exception {
        // When
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput("od", null, new StreamModeDetails("ON_DEMAND"), null, null, null),
                        context));

        // Then
        var summary = call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput("od", null), context))
                .streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.recordDistributionStrategy()).isEqualTo("USER_PARTITION_KEY");
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo("ON_DEMAND");
        assertThat(summary.streamArn()).isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/od");
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(
                                new CreateStreamInput("od2", 2, new StreamModeDetails("ON_DEMAND"), null, null, null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new CreateStreamOperation(services)
                        .execute(new CreateStreamInput("od3", null, null, null, null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
    }

    @Test
    void shouldRefuseWritesWhileCreatingAndBecomeActiveAfterTheDelay() throws Exception {
        // Given a status delay
        KinesisServices delayed = services(200);

        // When
        call(() -> new CreateStreamOperation(delayed)
                .execute(new CreateStreamInput("slow", 1, null, null, null, null), context));

        // Then CREATING refuses writes as AWS does, then ACTIVE takes them
        assertThat(store.stream("slow").orElseThrow().settings().status()).isEqualTo(StreamStatus.CREATING);
        assertThat(failure(() -> new PutRecordOperation(delayed).execute(put("slow", "k", "v"), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream slow under account 123456789012 not found.");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.stream("slow").orElseThrow().settings().status() != StreamStatus.ACTIVE
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.stream("slow").orElseThrow().settings().status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(call(() -> new PutRecordOperation(delayed).execute(put("slow", "k", "v"), context))
                        .shardId())
                .isEqualTo("shardId-000000000000");
    }

    @Test
    void shouldEndAClosedShardWithItsChildrenWhenTheReaderReachesItsEnd() throws Exception {
        // Given a stream of one shard with two records, then split
        create("split", 1);
        call(() -> new PutRecordOperation(services).execute(put("split", "a", "1"), context));
        call(() -> new PutRecordOperation(services).execute(put("split", "b", "2"), context));
        BigInteger middle = HashKeyRange.MAX.shiftRight(1);
        store.reshard(
                        "split",
                        new ShardChange(
                                Set.of(0),
                                List.of(
                                        new NewShard(
                                                new HashKeyRange(BigInteger.ZERO, middle),
                                                OptionalInt.of(0),
                                                OptionalInt.empty()),
                                        new NewShard(
                                                new HashKeyRange(middle.add(BigInteger.ONE), HashKeyRange.MAX),
                                                OptionalInt.of(0),
                                                OptionalInt.empty())),
                                Map.of()))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        // When the parent is read from its trim horizon
        String iterator = iterator("split", "shardId-000000000000", "TRIM_HORIZON");
        GetRecordsOutput read = call(() ->
                new GetRecordsOperation(services).execute(new GetRecordsInput(iterator, null, null, null), context));

        // Then its records come with the end of the shard and both children
        assertThat(read.records())
                .extracting(r -> StandardCharsets.UTF_8.decode(r.data()).toString())
                .containsExactly("1", "2");
        assertThat(read.nextShardIterator()).isNull();
        assertThat(read.childShards())
                .extracting(child -> child.shardId())
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(read.childShards())
                .allSatisfy(child -> assertThat(child.parentShards()).containsExactly("shardId-000000000000"));

        // And the listings tell open from closed
        assertThat(listShards("split", "AT_LATEST").shards())
                .extracting(s -> s.shardId())
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(listShards("split", "FROM_TRIM_HORIZON").shards()).hasSize(3);
        var parent = call(() -> new DescribeStreamOperation(services)
                        .execute(new DescribeStreamInput("split", null, null, null), context))
                .streamDescription()
                .shards()
                .get(0);
        assertThat(parent.sequenceNumberRange().endingSequenceNumber())
                .isEqualTo(read.records().get(1).sequenceNumber());
        assertThat(call(() -> new DescribeStreamOperation(services)
                                .execute(new DescribeStreamInput("split", null, null, null), context))
                        .streamDescription()
                        .shards()
                        .get(1)
                        .parentShardId())
                .isEqualTo("shardId-000000000000");
    }

    @Test
    void shouldRefuseIteratorRequestsAsAwsWhenTheyAreInconsistent() throws Exception {
        // Given
        create("it", 1);

        // When / Then
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "it", "shardId-000000000000", "AT_SEQUENCE_NUMBER", null, null, null, null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining("Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "it",
                                        "shardId-000000000000",
                                        "AT_TIMESTAMP",
                                        null,
                                        Instant.ofEpochMilli(clock.millis() + 1000),
                                        null,
                                        null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining("cannot be greater than the currentTimestampInMillis");
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "it", "shardId-000000000009", "LATEST", null, null, null, null),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Shard shardId-000000000009 in stream it under account 123456789012 does not exist");
        // As kinesalite's suite recorded AWS: an unknown stream is reported as the shard not existing, a shard id that
        // names no index as a shard not found
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "gone", "shardId-000000000003", "LATEST", null, null, null, null),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Shard shardId-000000000003 in stream gone under account 123456789012 does not exist");
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput("gone", "ABKLFD8", "LATEST", null, null, null, null),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Could not find shard ABKLFD8 in stream gone under account 123456789012.");
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "it", "shardId-002147483648", "LATEST", null, null, null, null),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Could not find shard shardId-002147483648 in stream it under account 123456789012.");
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(new GetShardIteratorInput(null, null, "FIRST", null, null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageStartingWith("2 validation errors detected: Value null at 'shardId'");
    }

    @Test
    void shouldExpireAnIteratorWhenItIsOlderThanFiveMinutes() throws Exception {
        // Given
        create("old", 1);
        String iterator = iterator("old", "shardId-000000000000", "TRIM_HORIZON");

        // When
        clock.advance(ShardIterators.LIFETIME.toMillis() + 1);

        // Then
        assertThat(failure(() -> new GetRecordsOperation(services)
                        .execute(new GetRecordsInput(iterator, null, null, null), context)))
                .returns(KinesisError.EXPIRED_ITERATOR, KinesisException::error);
    }

    @Test
    void shouldWriteOneBatchPerShardWhenPutRecordsSpansShards() throws Exception {
        // Given
        create("batch", 2);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(new PutRecordsRequestEntry(("v" + i).getBytes(StandardCharsets.UTF_8), null, "key-" + i));
        }

        // When
        PutRecordsOutput output = call(() ->
                new PutRecordsOperation(services).execute(new PutRecordsInput(entries, "batch", null, null), context));

        // Then results are in request order and each shard holds exactly one batch
        assertThat(output.failedRecordCount()).isZero();
        assertThat(output.records()).hasSize(20);
        for (int shard = 0; shard < 2; shard++) {
            String shardId = String.format("shardId-%012d", shard);
            long inShard = output.records().stream()
                    .filter(r -> r.shardId().equals(shardId))
                    .count();
            var read = store.read(new ShardRef("batch", shard), 0, 1 << 20)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(inShard).isPositive();
            assertThat(read.batches()).singleElement().satisfies(batch -> assertThat(
                            batch.lastOffset() - batch.baseOffset() + 1)
                    .isEqualTo(inShard));
        }
    }

    @Test
    void shouldRefusePutRecordsWhenItBreaksTheCallLimits() throws Exception {
        // Given
        create("limits", 1);
        List<PutRecordsRequestEntry> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(new PutRecordsRequestEntry(new byte[1], null, "k"));
        }
        List<PutRecordsRequestEntry> tooLarge = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tooLarge.add(new PutRecordsRequestEntry(new byte[1 << 20], null, "k"));
        }

        // When / Then
        assertThat(failure(() -> new PutRecordsOperation(services)
                        .execute(new PutRecordsInput(tooMany, "limits", null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageContaining(
                        "at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
        assertThat(failure(() -> new PutRecordsOperation(services)
                        .execute(new PutRecordsInput(tooLarge, "limits", null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Records size exceeds 10 MB limit");
    }

    @Test
    void shouldPageAndExpireTokensWhenListingStreams() throws Exception {
        // Given
        create("a", 1);
        create("b", 1);
        create("c", 1);

        // When
        ListStreamsOutput first =
                call(() -> new ListStreamsOperation(services).execute(new ListStreamsInput(2, null, null), context));
        ListStreamsOutput second = call(() ->
                new ListStreamsOperation(services).execute(new ListStreamsInput(2, null, first.nextToken()), context));

        // Then
        assertThat(first.streamNames()).containsExactly("a", "b");
        assertThat(first.hasMoreStreams()).isTrue();
        assertThat(second.streamNames()).containsExactly("c");
        assertThat(second.hasMoreStreams()).isFalse();
        clock.advance(PageTokens.LIFETIME.toMillis() + 1);
        assertThat(failure(() -> new ListStreamsOperation(services)
                        .execute(new ListStreamsInput(2, null, first.nextToken()), context)))
                .returns(KinesisError.EXPIRED_NEXT_TOKEN, KinesisException::error);
    }

    @Test
    void shouldRefuseAListShardsTokenWhenItWasNotIssuedHere() throws Exception {
        // Given a well-formed token with a position that is not a shard index, and one that is not base64
        create("tokens", 1);
        String tampered = PageTokens.issue("shards", "abc|tokens", clock.millis());

        // When / Then
        for (String token : List.of(tampered, "%%%")) {
            assertThat(failure(() -> new ListShardsOperation(services)
                            .execute(new ListShardsInput(null, token, null, null, null, null, null), context)))
                    .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        }

        // And, as kinesalite's suite recorded AWS, neither a token nor a stream, or both
        assertThat(failure(() -> new ListShardsOperation(services)
                        .execute(new ListShardsInput(null, null, null, null, null, null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Either NextToken or StreamName should be provided.");
        assertThat(failure(() -> new ListShardsOperation(services)
                        .execute(new ListShardsInput("tokens", tampered, null, null, null, null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("NextToken and StreamName cannot be provided together.");
    }

    @Test
    void shouldAnswerDryRunWithoutWritingWhenEveryCheckPasses() throws Exception {
        // Given
        create("dry", 1);
        PutRecordInput dryPut =
                new PutRecordInput("dry", "v".getBytes(StandardCharsets.UTF_8), "k", null, null, null, true);
        String iterator = iterator("dry", "shardId-000000000000", "TRIM_HORIZON");

        // When / Then each data-plane operation answers DryRunOperationException and nothing is written
        assertThat(failure(() -> new PutRecordOperation(services).execute(dryPut, context)))
                .returns(KinesisError.DRY_RUN_OPERATION, KinesisException::error);
        assertThat(failure(() -> new PutRecordsOperation(services)
                        .execute(
                                new PutRecordsInput(
                                        List.of(new PutRecordsRequestEntry(new byte[1], null, "k")), "dry", null, true),
                                context)))
                .returns(KinesisError.DRY_RUN_OPERATION, KinesisException::error);
        assertThat(failure(() -> new GetShardIteratorOperation(services)
                        .execute(
                                new GetShardIteratorInput(
                                        "dry", "shardId-000000000000", "LATEST", null, null, null, true),
                                context)))
                .returns(KinesisError.DRY_RUN_OPERATION, KinesisException::error);
        assertThat(failure(() -> new GetRecordsOperation(services)
                        .execute(new GetRecordsInput(iterator, null, null, true), context)))
                .returns(KinesisError.DRY_RUN_OPERATION, KinesisException::error);
        assertThat(store.offsets(new ShardRef("dry", 0))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .highWatermark())
                .isZero();

        // And a dry run that would fail gets the real error
        assertThat(failure(() -> new PutRecordOperation(services)
                        .execute(new PutRecordInput("nope", new byte[1], "k", null, null, null, true), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
    }

    @Test
    void shouldRefuseASequenceNumberForOrderingThatIsNoSequenceNumberWhenPuttingARecord() throws Exception {
        // Given
        create("ordered", 1);
        String first = call(() -> new PutRecordOperation(services).execute(put("ordered", "k", "1"), context))
                .sequenceNumber();

        // When the previous record's number orders the next one, it is taken
        PutRecordOutput second = call(() -> new PutRecordOperation(services)
                .execute(new PutRecordInput("ordered", new byte[1], "k", null, first, null, null), context));

        // Then
        assertThat(new BigInteger(second.sequenceNumber())).isGreaterThan(new BigInteger(first));

        // And a number of no layout is AWS's InvalidArgumentException (kinesalite's suite, checked against AWS)
        String version4 = new BigInteger("20000000000000000000000000000000000000000000004", 16).toString();
        assertThat(failure(() -> new PutRecordOperation(services)
                        .execute(new PutRecordInput("ordered", new byte[1], "k", null, version4, null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("ExclusiveMinimumSequenceNumber " + version4 + " used in PutRecord on stream ordered under"
                        + " account 123456789012 is invalid.");
        assertThat(failure(() -> new PutRecordOperation(services)
                        .execute(new PutRecordInput("ordered", new byte[1], "k", null, "5", null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(store.offsets(new ShardRef("ordered", 0))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .highWatermark())
                .isEqualTo(2);
    }

    @Test
    void shouldResolveStreamArnsOfThisRegionAndAccountOnly() throws Exception {
        // Given
        create("arn", 1);

        // When / Then
        assertThat(call(() -> new DescribeStreamSummaryOperation(services)
                                .execute(
                                        new DescribeStreamSummaryInput(
                                                null, "arn:aws:kinesis:eu-west-1:123456789012:stream/arn"),
                                        context))
                        .streamDescriptionSummary()
                        .streamName())
                .isEqualTo("arn");
        assertThat(failure(() -> new DescribeStreamSummaryOperation(services)
                        .execute(
                                new DescribeStreamSummaryInput(
                                        null, "arn:aws:kinesis:us-east-1:123456789012:stream/arn"),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new DescribeStreamSummaryOperation(services)
                        .execute(
                                new DescribeStreamSummaryInput(
                                        "other", "arn:aws:kinesis:eu-west-1:123456789012:stream/arn"),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
    }

    private ListShardsOutput listShards(String stream, String filter) throws Exception {
        return call(() -> new ListShardsOperation(services)
                .execute(
                        new ListShardsInput(stream, null, null, null, null, new ShardFilter(filter, null, null), null),
                        context));
    }
}
