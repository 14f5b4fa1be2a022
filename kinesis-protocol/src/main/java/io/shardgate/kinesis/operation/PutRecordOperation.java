package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.HashKeyRouter;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.KinesisRecords.Outgoing;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * PutRecord: one record, routed by MD5 of its partition key or its {@code ExplicitHashKey}, appended as a batch of
 * one; on a stream whose record distribution strategy is {@code AUTO} the partition key is optional and both are
 * ignored: the record goes to an open shard chosen at random ({@link RecordDistribution}). The data may be as large as the stream's maximum record size (1 MiB unless UpdateMaxRecordSize raised it,
 * ADR 0015). {@code SequenceNumberForOrdering} must be a sequence number of our layout (AWS's
 * {@code InvalidArgumentException} "ExclusiveMinimumSequenceNumber … is invalid." otherwise, as kinesalite's suite
 * recorded it) and is otherwise not needed: appends to a shard are serialized, so a producer that waits for each answer
 * gets increasing sequence numbers anyway. Under a Kinesis limits profile (D8) a record over its shard's write budget
 * fails the call with {@code ProvisionedThroughputExceededException}.
 */
public final class PutRecordOperation implements KinesisOperation<PutRecordInput, PutRecordOutput> {

    private final KinesisServices services;

    public PutRecordOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "PutRecord";
    }

    @Override
    public Class<PutRecordInput> inputType() {
        return PutRecordInput.class;
    }

    @Override
    public CompletionStage<PutRecordOutput> execute(PutRecordInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        if (validation.required("data", input.data())) {
            validation.blob("data", input.data(), 0, Constraints.DATA_MAX_BYTES);
        }
        if ((input.partitionKey() != null
                        || !RecordDistribution.keysOptional(services, input.streamName(), input.streamArn()))
                && validation.required("partitionKey", input.partitionKey())) {
            validation.string("partitionKey", input.partitionKey(), 1, Constraints.PARTITION_KEY_MAX, null);
        }
        validation
                .hashKey("explicitHashKey", input.explicitHashKey())
                .string(
                        "sequenceNumberForOrdering",
                        input.sequenceNumberForOrdering(),
                        0,
                        Integer.MAX_VALUE,
                        Constraints.SEQUENCE_NUMBER);
        validation.check();
        Stream stream = Streams.findUsable(services, Streams.name(services, input.streamName(), input.streamArn()));
        Validation recordSize = new Validation();
        MaxRecordSize.check(recordSize, "data", input.data(), stream);
        recordSize.check();
        boolean auto = RecordDistribution.auto(stream);
        if (!auto && input.partitionKey() == null) {
            Validation missing = new Validation();
            missing.required("partitionKey", null);
            missing.check();
        }
        BigInteger hashKey = auto
                ? HashKeyRouter.spread(stream)
                : HashKeyRouter.hashKey(input.partitionKey(), input.explicitHashKey());
        if (input.sequenceNumberForOrdering() != null
                && !SequenceNumbers.wellFormed(
                        input.sequenceNumberForOrdering(), services.clock().millis())) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "ExclusiveMinimumSequenceNumber " + input.sequenceNumberForOrdering() + " used in PutRecord on"
                            + " stream " + stream.name() + " under account " + services.accountId() + " is invalid.");
        }
        Streams.dryRun(input.dryRun());
        Outgoing record = new Outgoing(input.partitionKey(), input.data(), auto ? null : input.explicitHashKey());
        return ShardAppender.append(services, stream, List.of(record), List.of(hashKey))
                .thenApply(outcomes -> {
                    ShardAppender.Outcome outcome = outcomes.get(0);
                    if (outcome.failure() != null) {
                        throw KinesisErrors.toKinesis(outcome.failure());
                    }
                    return new PutRecordOutput(
                            SequenceNumbers.shardId(outcome.shard().index()), outcome.sequenceNumber(), null);
                });
    }
}
