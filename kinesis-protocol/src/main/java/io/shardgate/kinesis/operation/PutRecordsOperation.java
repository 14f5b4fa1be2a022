package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.HashKeyRouter;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.KinesisRecords.Outgoing;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.PutRecordsResultEntry;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * PutRecords: up to {@value Constraints#PUT_RECORDS_MAX} records and {@value Constraints#PUT_RECORDS_MAX_BYTES}
 * bytes of data and partition keys (ADR 0015), each record's data at most the stream's maximum record size (a
 * {@code ValidationException} for the whole call otherwise, as AWS answers), one Kafka batch per target shard, the shards appended in parallel. Not atomic,
 * as on AWS: a shard whose append fails marks its records with {@code ErrorCode}/{@code ErrorMessage} and counts them
 * in {@code FailedRecordCount}; the other records succeed. Under a Kinesis limits profile (D8) the records that do not
 * fit their shard's write budget fail the same way with {@code ProvisionedThroughputExceededException} and are not
 * written ({@link ShardAppender}). Results are in request order. On a stream whose record distribution strategy is
 * {@code AUTO} partition keys are optional and, with explicit hash keys, ignored: each record goes to an open shard
 * chosen at random ({@link RecordDistribution}).
 */
public final class PutRecordsOperation implements KinesisOperation<PutRecordsInput, PutRecordsOutput> {
    private static final Logger LOGGER = LoggerFactory.getLogger(PutRecordsOperation.class);

    private final KinesisServices services;

    public PutRecordsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "PutRecords";
    }

    @Override
    public Class<PutRecordsInput> inputType() {
        return PutRecordsInput.class;
    }

    @Override
    public CompletionStage<PutRecordsOutput> execute(PutRecordsInput input, RequestContext context) {
        Validation validation = new Validation();
        boolean keysOptional = input.records() != null
                && input.records().stream().anyMatch(entry -> entry != null && entry.partitionKey() == null)
                && RecordDistribution.keysOptional(services, input.streamName(), input.streamArn());
        if (validation.required("records", input.records())) {
            validation.size("records", input.records(), 1, Constraints.PUT_RECORDS_MAX);
            for (int i = 0; i < input.records().size(); i++) {
                PutRecordsRequestEntry entry = input.records().get(i);
                if (entry == null) {
                    validation.required(Validation.member("records.", i + 1, ".member"), null);
                    continue;
                }
                Object data = Validation.member("records.", i + 1, ".member.data");
                if (validation.required(data, entry.data())) {
                    validation.blob(data, entry.data(), 0, Constraints.DATA_MAX_BYTES);
                }
                validation.hashKey(
                        Validation.member("records.", i + 1, ".member.explicitHashKey"), entry.explicitHashKey());
                Object partitionKey = Validation.member("records.", i + 1, ".member.partitionKey");
                if ((entry.partitionKey() != null || !keysOptional)
                        && validation.required(partitionKey, entry.partitionKey())) {
                    validation.string(partitionKey, entry.partitionKey(), 1, Constraints.PARTITION_KEY_MAX, null);
                }
            }
        }
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        long total = 0;
        for (PutRecordsRequestEntry entry : input.records()) {
            total += entry.data().length + (entry.partitionKey() == null ? 0 : Utils.utf8Length(entry.partitionKey()));
        }
        if (total > Constraints.PUT_RECORDS_MAX_BYTES) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Records size exceeds " + Constraints.PUT_RECORDS_MAX_BYTES / (1024 * 1024) + " MB limit");
        }
        Stream stream = Streams.findUsable(services, Streams.name(services, input.streamName(), input.streamArn()));
        Validation recordSizes = new Validation();
        for (int i = 0; i < input.records().size(); i++) {
            MaxRecordSize.check(
                    recordSizes,
                    Validation.member("records.", i + 1, ".member.data"),
                    input.records().get(i).data(),
                    stream);
        }
        boolean auto = RecordDistribution.auto(stream);
        for (int i = 0; i < input.records().size() && !auto; i++) {
            // only a stream switched back from AUTO since the look-up above has a key missing here
            if (input.records().get(i).partitionKey() == null) {
                recordSizes.required(Validation.member("records.", i + 1, ".member.partitionKey"), null);
            }
        }
        recordSizes.check();
        List<Outgoing> records = new ArrayList<>(input.records().size());
        List<BigInteger> hashKeys = new ArrayList<>(input.records().size());
        for (int i = 0; i < input.records().size(); i++) {
            PutRecordsRequestEntry entry = input.records().get(i);
            if (auto) {
                hashKeys.add(HashKeyRouter.spread(stream));
                records.add(new Outgoing(entry.partitionKey(), entry.data(), null));
                continue;
            }
            hashKeys.add(
                    entry.explicitHashKey() == null
                            ? HashKeyRouter.hashKey(entry.partitionKey())
                            : HashKeyRouter.parseExplicitHashKey(
                                    entry.explicitHashKey(), "records." + (i + 1) + ".member.explicitHashKey"));
            records.add(new Outgoing(entry.partitionKey(), entry.data(), entry.explicitHashKey()));
        }
        Streams.dryRun(input.dryRun());
        return ShardAppender.append(services, stream, records, hashKeys).thenApply(outcomes -> {
            int failed = 0;
            List<PutRecordsResultEntry> results = new ArrayList<>(outcomes.size());
            for (ShardAppender.Outcome outcome : outcomes) {
                if (outcome.failure() == null) {
                    results.add(new PutRecordsResultEntry(
                            outcome.sequenceNumber(),
                            SequenceNumbers.shardId(outcome.shard().index()),
                            null,
                            null));
                } else {
                    failed++;
                    KinesisException error = KinesisErrors.toKinesis(outcome.failure());
                    if (error.error() == KinesisError.INTERNAL_FAILURE) {
                        LOGGER.warn("PutRecords append to {} failed", stream.name(), outcome.failure());
                    }
                    boolean throttled = error.error() == KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED;
                    results.add(new PutRecordsResultEntry(
                            null,
                            null,
                            throttled ? error.error().wireName() : KinesisError.INTERNAL_FAILURE.wireName(),
                            throttled ? error.getMessage() : KinesisErrors.INTERNAL_FAILURE_MESSAGE));
                }
            }
            return new PutRecordsOutput(failed, results, null);
        });
    }
}
