package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.AddTagsToStreamInput;
import io.shardgate.kinesis.model.ChildShard;
import io.shardgate.kinesis.model.DecreaseStreamRetentionPeriodInput;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.IncreaseStreamRetentionPeriodInput;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListTagsForResourceInput;
import io.shardgate.kinesis.model.ListTagsForStreamInput;
import io.shardgate.kinesis.model.ListTagsForStreamOutput;
import io.shardgate.kinesis.model.MergeShardsInput;
import io.shardgate.kinesis.model.RemoveTagsFromStreamInput;
import io.shardgate.kinesis.model.Shard;
import io.shardgate.kinesis.model.ShardFilter;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.model.Tag;
import io.shardgate.kinesis.model.TagResourceInput;
import io.shardgate.kinesis.model.UntagResourceInput;
import io.shardgate.kinesis.model.UpdateShardCountInput;
import io.shardgate.kinesis.model.UpdateShardCountOutput;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.NewStream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * SplitShard, MergeShards, UpdateShardCount, the retention and the tagging operations against a real LMDB store:
 * their validation, AWS's errors and messages, and what the reading operations show after a resharding.
 */
class ReshardingOperationsTest extends OperationsFixture {

    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    // ---- SplitShard ------------------------------------------------------------------------------------------

    @Test
    void shouldCloseTheParentAndOpenTwoChildrenWhenSplittingAShard() throws Exception {
        // Given a record in the only shard
        create("s", 1);
        call(() -> new PutRecordOperation(services).execute(put("s", "k", "v"), context));

        // When
        call(() -> new SplitShardOperation(services)
                .execute(new SplitShardInput("s", "shardId-000000000000", HALF.toString(), null), context));

        // Then the parent is closed with an ending sequence number, the children take indexes 1 and 2
        List<Shard> shards = describe("s");
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(1).sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(shards.get(1).hashKeyRange().endingHashKey())
                .isEqualTo(HALF.subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(HALF.toString());
        assertThat(shards.get(2).hashKeyRange().endingHashKey()).isEqualTo(HashKeyRange.MAX.toString());
        assertThat(store.stream("s").orElseThrow().settings().status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(store.stream("s").orElseThrow().settings().configs()).doesNotContainKey(Resharding.CLAIM_CONFIG);

        // And the filters of ListShards tell open from original shards
        assertThat(listShards("s", "AT_LATEST")).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(listShards("s", "AT_TRIM_HORIZON")).containsExactly("shardId-000000000000");
        assertThat(listShards("s", "FROM_TRIM_HORIZON"))
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");

        // And reading the parent to its end gives its record, then the children and no next iterator
        String start = iterator("s", "shardId-000000000000", "TRIM_HORIZON");
        GetRecordsOutput first = call(
                () -> new GetRecordsOperation(services).execute(new GetRecordsInput(start, null, null, null), context));
        GetRecordsOutput end = first.nextShardIterator() == null
                ? first
                : call(() -> new GetRecordsOperation(services)
                        .execute(new GetRecordsInput(first.nextShardIterator(), null, null, null), context));
        assertThat(first.records()).hasSize(1);
        assertThat(end.nextShardIterator()).isNull();
        assertThat(end.childShards())
                .extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(end.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");

        // And a closed shard cannot be split again (peer-asks scenario 11)
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(new SplitShardInput("s", "shardId-000000000000", "12345", null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Shard shardId-000000000000 in stream s under account 123456789012 has already been"
                        + " merged or split, and thus is not eligible for splitting.");
    }

    @Test
    void shouldAnswerAwsErrorsWhenASplitIsInvalid() throws Exception {
        // Given
        create("s", 2);

        // Then
        assertThat(failure(() ->
                        new SplitShardOperation(services).execute(new SplitShardInput("s", null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value null at 'shardToSplit' failed to satisfy constraint:"
                        + " Member must not be null; Value null at 'newStartingHashKey' failed to satisfy constraint:"
                        + " Member must not be null");
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(new SplitShardInput("s", "shardId-000000000000", "-1", null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageContaining("Value '-1' at 'newStartingHashKey' failed to satisfy constraint");
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(new SplitShardInput("s", "shardId-000000000009", "5", null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Could not find shard shardId-000000000009 in stream s under account 123456789012.");
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(new SplitShardInput("nope", "shardId-000000000000", "5", null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream nope under account 123456789012 not found.");
        String end = HALF.subtract(BigInteger.ONE).toString();
        for (String key : List.of("0", "1", end, HALF.toString())) {
            assertThat(failure(() -> new SplitShardOperation(services)
                            .execute(new SplitShardInput("s", "shardId-000000000000", key, null), context)))
                    .as(key)
                    .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                    .hasMessage("NewStartingHashKey " + key + " used in SplitShard() on shard shardId-000000000000"
                            + " in stream s under account 123456789012 is not both greater than one plus the shard's"
                            + " StartingHashKey 0 and less than the shard's EndingHashKey " + end + ".");
        }
        // The smallest and largest keys AWS accepts
        call(() -> new SplitShardOperation(services)
                .execute(new SplitShardInput("s", "shardId-000000000000", "2", null), context));
        call(() -> new SplitShardOperation(services)
                .execute(
                        new SplitShardInput(
                                "s",
                                "shardId-000000000001",
                                HashKeyRange.MAX.subtract(BigInteger.ONE).toString(),
                                null),
                        context));
        assertThat(listShards("s", "AT_LATEST")).hasSize(4);
    }

    @Test
    void shouldRefuseASecondReshardingWhileTheStreamIsUpdating() throws Exception {
        // Given a status delay
        create("s", 2);
        KinesisServices delayed = services(300);

        // When
        call(() -> new SplitShardOperation(delayed)
                .execute(new SplitShardInput("s", "shardId-000000000000", "12345", null), context));

        // Then the stream is UPDATING and takes no other resharding, but takes writes
        assertThat(store.stream("s").orElseThrow().settings().status()).isEqualTo(StreamStatus.UPDATING);
        assertThat(failure(() -> new MergeShardsOperation(delayed)
                        .execute(
                                new MergeShardsInput("s", "shardId-000000000002", "shardId-000000000003", null),
                                context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Stream s under account 123456789012 not ACTIVE, instead in state UPDATING");
        assertThat(failure(() -> new UpdateShardCountOperation(delayed)
                        .execute(new UpdateShardCountInput("s", 4, "UNIFORM_SCALING", null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error);
        call(() -> new PutRecordOperation(delayed).execute(put("s", "k", "v"), context));

        // And it becomes ACTIVE after the delay
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.stream("s").orElseThrow().settings().status() != StreamStatus.ACTIVE
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.stream("s").orElseThrow().settings().status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(store.stream("s").orElseThrow().settings().configs()).doesNotContainKey(Resharding.CLAIM_CONFIG);
        call(() -> new MergeShardsOperation(delayed)
                .execute(new MergeShardsInput("s", "shardId-000000000002", "shardId-000000000003", null), context));
    }

    @Test
    void shouldRefuseKinesisReshardingWhenTheStreamIsAKafkaTopic() throws Exception {
        // Given a topic created through Kafka
        call(() -> store.createStream(NewStream.uniform("topic", StreamOrigin.KAFKA, StreamSettings.defaults(), 2)));

        // Then (D4)
        String because = "it was created as a Kafka topic and follows Kafka's partitioning rules";
        assertThat(failure(() -> new SplitShardOperation(services)
                        .execute(new SplitShardInput("topic", "shardId-000000000000", "12345", null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining("SplitShard is not allowed on stream topic")
                .hasMessageContaining(because);
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(
                                new MergeShardsInput("topic", "shardId-000000000000", "shardId-000000000001", null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining(because);
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("topic", 4, "UNIFORM_SCALING", null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageContaining(because);
        assertThat(store.stream("topic").orElseThrow().shards()).hasSize(2);
    }

    // ---- MergeShards -----------------------------------------------------------------------------------------

    @Test
    void shouldMergeTwoAdjacentShardsInEitherOrder() throws Exception {
        // Given four shards
        create("m", 4);

        // When merging 1 into 0 and 3 (given first) with 2
        call(() -> new MergeShardsOperation(services)
                .execute(new MergeShardsInput("m", "shardId-000000000000", "shardId-000000000001", null), context));
        call(() -> new MergeShardsOperation(services)
                .execute(new MergeShardsInput("m", "shardId-000000000003", "shardId-000000000002", null), context));

        // Then
        List<Shard> shards = describe("m");
        Shard low = shards.get(4);
        Shard high = shards.get(5);
        assertThat(low.parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(low.adjacentParentShardId()).isEqualTo("shardId-000000000001");
        assertThat(low.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(low.hashKeyRange().endingHashKey())
                .isEqualTo(shards.get(1).hashKeyRange().endingHashKey());
        assertThat(high.parentShardId()).isEqualTo("shardId-000000000003");
        assertThat(high.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(high.hashKeyRange().startingHashKey())
                .isEqualTo(shards.get(2).hashKeyRange().startingHashKey());
        assertThat(high.hashKeyRange().endingHashKey()).isEqualTo(HashKeyRange.MAX.toString());
        assertThat(listShards("m", "AT_LATEST")).containsExactly("shardId-000000000004", "shardId-000000000005");
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(
                                new MergeShardsInput("m", "shardId-000000000000", "shardId-000000000004", null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Shard shardId-000000000000 in stream m under account 123456789012 has already been"
                        + " merged or split, and thus is not eligible for merging.");
    }

    @Test
    void shouldAnswerAwsErrorsWhenAMergeIsInvalid() throws Exception {
        // Given
        create("m", 3);

        // Then
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(new MergeShardsInput("m", "shardId-000000000000", null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'adjacentShardToMerge' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(
                                new MergeShardsInput("m", "shardId-000000000000", "shardId-000000000002", null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Shards shardId-000000000000 and shardId-000000000002 in stream m under account"
                        + " 123456789012 are not an adjacent pair of shards eligible for merging");
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(
                                new MergeShardsInput("m", "shardId-000000000001", "shardId-000000000001", null),
                                context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(() -> new MergeShardsOperation(services)
                        .execute(new MergeShardsInput("m", "shardId-000000000000", "shardId-7", null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Could not find shard shardId-000000000007 in stream m under account 123456789012.");
        assertThat(describe("m")).hasSize(3);
    }

    // ---- UpdateShardCount ------------------------------------------------------------------------------------

    @Test
    void shouldScaleUniformlyWithLineageWhenUpdatingTheShardCount() throws Exception {
        // Given
        create("u", 1);

        // When 1 -> 2 -> 1
        UpdateShardCountOutput up = call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("u", 2, "UNIFORM_SCALING", null), context));
        UpdateShardCountOutput down = call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("u", 1, "UNIFORM_SCALING", null), context));

        // Then
        assertThat(up)
                .isEqualTo(new UpdateShardCountOutput("u", 1, 2, "arn:aws:kinesis:eu-west-1:123456789012:stream/u"));
        assertThat(down.currentShardCount()).isEqualTo(2);
        assertThat(down.targetShardCount()).isEqualTo(1);
        List<Shard> shards = describe("u");
        assertThat(shards).hasSize(4);
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).adjacentParentShardId()).isNull();
        assertThat(shards.get(1).hashKeyRange().endingHashKey())
                .isEqualTo(HALF.subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(HALF.toString());
        assertThat(shards.get(3).parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(shards.get(3).adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(shards.get(3).sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(shards.subList(0, 3))
                .allSatisfy(shard -> assertThat(shard.sequenceNumberRange().endingSequenceNumber())
                        .isNotNull());
        assertThat(listShards("u", "AT_LATEST")).containsExactly("shardId-000000000003");
        assertThat(listShards("u", "AT_TRIM_HORIZON")).containsExactly("shardId-000000000000");
    }

    @Test
    void shouldAnswerAwsErrorsWhenTheTargetShardCountIsOutOfBounds() throws Exception {
        // Given
        create("u", 4);

        // Then
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("u", 9, "UNIFORM_SCALING", null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("UpdateShardCount cannot scale up over double your current open shard count. Current"
                        + " open shard count: 4 Target shard count: 9");
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("u", 1, "UNIFORM_SCALING", null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("UpdateShardCount cannot scale down below half your current open shard count. Current"
                        + " open shard count: 4 Target shard count: 1");
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("u", 0, "SKEWED", null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("2 validation errors detected: Value '0' at 'targetShardCount' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 1; Value 'SKEWED' at"
                        + " 'scalingType' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [UNIFORM_SCALING]");
        assertThat(failure(() -> new UpdateShardCountOperation(services)
                        .execute(new UpdateShardCountInput("u", null, null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageStartingWith("2 validation errors detected: Value null at 'targetShardCount'");
        assertThat(describe("u")).hasSize(4);

        // And the bounds are inclusive; the same count changes nothing
        call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("u", 2, "UNIFORM_SCALING", null), context));
        UpdateShardCountOutput same = call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("u", 2, "UNIFORM_SCALING", null), context));
        assertThat(same.currentShardCount()).isEqualTo(2);
        call(() -> new UpdateShardCountOperation(services)
                .execute(new UpdateShardCountInput("u", 4, "UNIFORM_SCALING", null), context));
        assertThat(listShards("u", "AT_LATEST")).hasSize(4);
        assertThat(describe("u")).hasSize(10);
    }

    // ---- retention -------------------------------------------------------------------------------------------

    @Test
    void shouldChangeTheRetentionWithinAwsBounds() throws Exception {
        // Given the default 24 hours
        create("r", 1);

        // When
        call(() -> new IncreaseStreamRetentionPeriodOperation(services)
                .execute(new IncreaseStreamRetentionPeriodInput("r", 48, null), context));

        // Then
        assertThat(store.stream("r").orElseThrow().settings().retentionMs()).isEqualTo(48 * 3_600_000L);
        assertThat(failure(() -> new IncreaseStreamRetentionPeriodOperation(services)
                        .execute(new IncreaseStreamRetentionPeriodInput("r", 24, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Requested retention period (24 hours) for stream r can not be shorter than existing"
                        + " retention period (48 hours). Use DecreaseRetentionPeriod API.");
        assertThat(failure(() -> new DecreaseStreamRetentionPeriodOperation(services)
                        .execute(new DecreaseStreamRetentionPeriodInput("r", 72, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Requested retention period (72 hours) for stream r can not be longer than existing"
                        + " retention period (48 hours). Use IncreaseRetentionPeriod API.");
        assertThat(failure(() -> new DecreaseStreamRetentionPeriodOperation(services)
                        .execute(new DecreaseStreamRetentionPeriodInput("r", 23, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is"
                        + " too short.");
        assertThat(failure(() -> new IncreaseStreamRetentionPeriodOperation(services)
                        .execute(new IncreaseStreamRetentionPeriodInput("r", 8761, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours)"
                        + " is too long.");
        assertThat(failure(() -> new IncreaseStreamRetentionPeriodOperation(services)
                        .execute(new IncreaseStreamRetentionPeriodInput("r", null, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(failure(() -> new IncreaseStreamRetentionPeriodOperation(services)
                        .execute(new IncreaseStreamRetentionPeriodInput("gone", 48, null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        call(() -> new IncreaseStreamRetentionPeriodOperation(services)
                .execute(new IncreaseStreamRetentionPeriodInput("r", 8760, null), context));
        call(() -> new DecreaseStreamRetentionPeriodOperation(services)
                .execute(new DecreaseStreamRetentionPeriodInput("r", 24, null), context));
        assertThat(store.stream("r").orElseThrow().settings().retentionMs()).isEqualTo(24 * 3_600_000L);
    }

    // ---- tags ------------------------------------------------------------------------------------------------

    @Test
    void shouldKeepListAndRemoveTagsWhenTaggingAStream() throws Exception {
        // Given
        create("t", 1);

        // When
        call(() -> new AddTagsToStreamOperation(services)
                .execute(new AddTagsToStreamInput("t", Map.of("b", "2", "a", "1", "c", ""), null), context));

        // Then pages of ListTagsForStream
        ListTagsForStreamOutput first = call(() -> new ListTagsForStreamOperation(services)
                .execute(new ListTagsForStreamInput("t", null, 2, null), context));
        assertThat(first.tags()).containsExactly(new Tag("a", "1"), new Tag("b", "2"));
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForStreamOutput rest = call(() -> new ListTagsForStreamOperation(services)
                .execute(new ListTagsForStreamInput("t", "b", 2, null), context));
        assertThat(rest.tags()).containsExactly(new Tag("c", ""));
        assertThat(rest.hasMoreTags()).isFalse();

        // And by ARN
        String arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/t";
        call(() -> new TagResourceOperation(services).execute(new TagResourceInput(Map.of("a", "one"), arn), context));
        call(() -> new RemoveTagsFromStreamOperation(services)
                .execute(new RemoveTagsFromStreamInput("t", List.of("b", "missing"), null), context));
        call(() -> new UntagResourceOperation(services).execute(new UntagResourceInput(List.of("c"), arn), context));
        assertThat(call(() -> new ListTagsForResourceOperation(services)
                                .execute(new ListTagsForResourceInput(arn), context))
                        .tags())
                .containsExactly(new Tag("a", "one"));
        assertThat(failure(() -> new ListTagsForResourceOperation(services)
                        .execute(
                                new ListTagsForResourceInput("arn:aws:kinesis:eu-west-1:999999999999:stream/t"),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new ListTagsForResourceOperation(services)
                        .execute(new ListTagsForResourceInput("arn:aws:s3:::bucket"), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error);
    }

    @Test
    void shouldAnswerAwsErrorsWhenTagsAreInvalid() throws Exception {
        // Given
        create("t", 1);
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("key" + i, "value");
        }
        call(() -> new AddTagsToStreamOperation(services).execute(new AddTagsToStreamInput("t", fifty, null), context));

        // Then
        assertThat(failure(() -> new AddTagsToStreamOperation(services)
                        .execute(new AddTagsToStreamInput("t", Map.of("one-more", "x"), null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Failed to add tags to stream t under account 123456789012 because a given stream"
                        + " cannot have more than 50 tags associated with it.");
        call(() -> new AddTagsToStreamOperation(services)
                .execute(new AddTagsToStreamInput("t", Map.of("key1", "replaced"), null), context));
        assertThat(failure(() -> new AddTagsToStreamOperation(services)
                        .execute(new AddTagsToStreamInput("t", Map.of("bad", "a*b"), null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white"
                        + " space, _ . / = + - % @ :.");
        assertThat(failure(() -> new RemoveTagsFromStreamOperation(services)
                        .execute(new RemoveTagsFromStreamInput("t", List.of("50%"), null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessageStartingWith("Failed to remove tags from stream t under account 123456789012 because"
                        + " some tags contained illegal characters.");
        assertThat(failure(() -> new AddTagsToStreamOperation(services)
                        .execute(new AddTagsToStreamInput("t", Map.of(), null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member"
                        + " must have length greater than or equal to 1");
        assertThat(failure(() -> new ListTagsForStreamOperation(services)
                        .execute(new ListTagsForStreamInput("t", "", 51, null), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessageStartingWith("2 validation errors detected");
        ListTagsForStreamOutput all = call(() -> new ListTagsForStreamOperation(services)
                .execute(new ListTagsForStreamInput("t", null, null, null), context));
        assertThat(all.tags()).hasSize(50).contains(new Tag("key1", "replaced"));
        assertThat(all.hasMoreTags()).isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private List<Shard> describe(String stream) throws Exception {
        return call(() -> new DescribeStreamOperation(services)
                        .execute(new DescribeStreamInput(stream, null, null, null), context))
                .streamDescription()
                .shards();
    }

    private List<String> listShards(String stream, String filter) throws Exception {
        return call(() -> new ListShardsOperation(services)
                        .execute(
                                new ListShardsInput(
                                        stream, null, null, null, null, new ShardFilter(filter, null, null), null),
                                context))
                .shards()
                .stream()
                .map(Shard::shardId)
                .toList();
    }
}
