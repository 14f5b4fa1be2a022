package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisRecords;
import io.shardgate.kinesis.mapping.KinesisRecords.Incoming;
import io.shardgate.kinesis.mapping.KinesisRecords.ReadBudget;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.model.ChildShard;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.ReadResult;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * GetRecords: opens the sealed iterator (D12), reads stored batches from its offset (a position below the trim
 * horizon reads from there) and returns the records inside them, at most {@code Limit} (default
 * {@value Constraints#LIMIT_MAX}) and {@value #MAX_BYTES} bytes of data and keys, with a new iterator after the last
 * one. {@code ApproximateArrivalTimestamp} is the batch's append time. {@code MillisBehindLatest} is 0 when the read
 * reached the high watermark, else the age of the next unread batch. At the end of a closed shard
 * {@code NextShardIterator} is null and {@code ChildShards} lists the shards created from it.
 *
 * <p>On a stream with budgets (D8) a shard serves 5 calls per second, and only once the bytes of its earlier reads are
 * paid off at 2 MiB per second (so a 10 MiB answer refuses the next 5 seconds of calls); other calls are AWS's
 * {@code ProvisionedThroughputExceededException}.
 */
public final class GetRecordsOperation implements KinesisOperation<GetRecordsInput, GetRecordsOutput> {

    /** The most data (and partition keys) one call returns. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private final KinesisServices services;

    public GetRecordsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "GetRecords";
    }

    @Override
    public Class<GetRecordsInput> inputType() {
        return GetRecordsInput.class;
    }

    @Override
    public CompletionStage<GetRecordsOutput> execute(GetRecordsInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("shardIterator", input.shardIterator())) {
            validation.string("shardIterator", input.shardIterator(), 1, Constraints.SHARD_ITERATOR_MAX, null);
        }
        validation
                .range("limit", input.limit(), 1, Constraints.LIMIT_MAX)
                .string("streamARN", input.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        validation.check();
        ShardIterators.Position position = services.iterators().unseal(input.shardIterator());
        Stream stream = services.store().stream(position.streamName())
                .filter(found -> Streams.USABLE.contains(found.settings().status()))
                .orElseThrow(() -> shardGone(position));
        if (input.streamArn() != null
                && !services.arns().streamName(input.streamArn()).orElse("").equals(stream.name())) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "StreamARN " + input.streamArn() + " does not match the ShardIterator.");
        }
        if (position.shardIndex() >= stream.shards().size()
                || stream.shard(position.shardIndex()).createdAtMs() > position.issuedAtMs()) {
            throw shardGone(position);
        }
        Shard shard = stream.shard(position.shardIndex());
        ShardRef ref = new ShardRef(stream.name(), shard.index());
        int limit = input.limit() == null ? Constraints.LIMIT_MAX : input.limit();
        Streams.dryRun(input.dryRun());
        Throttling.readCall(services, stream, shard.index());
        return services.store().offsets(ref).thenCompose(offsets -> {
            long from = Math.max(position.offset(), offsets.logStartOffset());
            if (from >= offsets.highWatermark()) {
                return CompletableFuture.completedFuture(answer(stream, shard, from, List.of(), offsets, 0));
            }
            return services.store()
                    .read(ref, from, MAX_BYTES)
                    .thenApply(read -> collect(stream, shard, from, limit, read));
        });
    }

    private GetRecordsOutput collect(Stream stream, Shard shard, long from, int limit, ReadResult read) {
        ReadBudget budget = new ReadBudget(limit, MAX_BYTES);
        List<Incoming> incoming = new ArrayList<>();
        long next = from;
        long nextBatchAppendTime = 0;
        for (StoredBatch batch : read.batches()) {
            next = KinesisRecords.read(batch, next, budget, incoming);
            if (budget.exhausted()) {
                nextBatchAppendTime = batch.appendTimeMs();
                break;
            }
            nextBatchAppendTime = batch.appendTimeMs();
        }
        if (Limits.budgeted(stream)) {
            services.limits().read(stream, shard.index(), Throttling.readBytes(incoming));
        }
        ShardOffsets offsets = new ShardOffsets(read.logStartOffset(), read.highWatermark());
        long behind =
                next >= read.highWatermark() ? 0 : Math.max(0, services.clock().millis() - nextBatchAppendTime);
        return answer(stream, shard, next, incoming, offsets, behind);
    }

    private GetRecordsOutput answer(
            Stream stream, Shard shard, long next, List<Incoming> incoming, ShardOffsets offsets, long behind) {
        List<Record> records = records(shard, incoming);
        boolean ended = !shard.isOpen()
                && shard.endOffset().isPresent()
                && next >= Math.min(shard.endOffset().getAsLong(), offsets.highWatermark());
        if (ended) {
            List<ChildShard> children = ShardViews.children(stream, shard);
            return new GetRecordsOutput(records, null, 0L, children);
        }
        return new GetRecordsOutput(
                records, services.iterators().seal(stream.name(), shard.index(), next), behind, null);
    }

    /** The records read from {@code shard}, as GetRecords and SubscribeToShard show them. */
    static List<Record> records(Shard shard, List<Incoming> incoming) {
        SequenceNumbers.Encoder sequenceNumbers = SequenceNumbers.encoder(shard);
        List<Record> records = new ArrayList<>(incoming.size());
        for (Incoming record : incoming) {
            records.add(new Record(
                    sequenceNumbers.encode(record.offset()),
                    Instant.ofEpochMilli(record.appendTimeMs()),
                    record.data(),
                    record.partitionKey(),
                    null));
        }
        return records;
    }

    private KinesisException shardGone(ShardIterators.Position position) {
        return new KinesisException(
                KinesisError.RESOURCE_NOT_FOUND,
                "Shard " + SequenceNumbers.shardId(position.shardIndex()) + " in stream " + position.streamName()
                        + " under account " + services.accountId() + " does not exist");
    }
}
