package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.eventstream.EventStreamOutput;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.SequenceNumberUse;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.StartingPosition;
import io.shardgate.kinesis.model.SubscribeToShardInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardRef;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * SubscribeToShard: checks the request, the consumer ({@code ACTIVE}, else AWS's {@code ResourceInUseException}) and
 * the shard, takes the consumer-and-shard slot ({@code ResourceInUseException} while another subscription holds it
 * or within 5 seconds of the last call that started one, {@link Subscriptions}; under a Kinesis limits profile more
 * than one call per second for the consumer and shard is {@code LimitExceededException}),
 * finds the starting offset as GetShardIterator does for the same position type, and answers with a
 * {@link ShardSubscription} that the HTTP layer streams as {@code application/vnd.amazon.eventstream}. Errors before
 * the stream starts are ordinary error responses, as on AWS.
 */
public final class SubscribeToShardOperation implements KinesisOperation<SubscribeToShardInput, EventStreamOutput> {

    /** AWS: one SubscribeToShard call per second per registered consumer per shard, under the Kinesis profiles. */
    static final int CALLS_PER_SECOND = 1;

    private final KinesisServices services;
    private final Subscriptions<ShardSubscription> subscriptions;

    public SubscribeToShardOperation(KinesisServices services) {
        this.services = services;
        this.subscriptions = new Subscriptions<>(services.config().subscriptionHoldMs());
    }

    /** The key of a consumer's calls for a shard in the limits ledger. */
    private record SubscribeCall(String consumerArn, int shard) {}

    @Override
    public String name() {
        return "SubscribeToShard";
    }

    @Override
    public Class<SubscribeToShardInput> inputType() {
        return SubscribeToShardInput.class;
    }

    /** The number of subscriptions streaming now. */
    public int activeSubscriptions() {
        return subscriptions.size();
    }

    @Override
    public CompletionStage<EventStreamOutput> execute(SubscribeToShardInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("consumerARN", input.consumerArn())) {
            validation.string(
                    "consumerARN", input.consumerArn(), 1, Constraints.CONSUMER_ARN_MAX, Constraints.CONSUMER_ARN);
        }
        if (validation.required("shardId", input.shardId())) {
            validation.string("shardId", input.shardId(), 1, Constraints.SHARD_ID_MAX, Constraints.SHARD_ID);
        }
        StartingPosition position = input.startingPosition();
        if (validation.required("startingPosition", position)) {
            if (validation.required("startingPosition.type", position.type())) {
                validation.oneOf("startingPosition.type", position.type(), Constraints.SHARD_ITERATOR_TYPES);
            }
            validation.string(
                    "startingPosition.sequenceNumber",
                    position.sequenceNumber(),
                    0,
                    Integer.MAX_VALUE,
                    Constraints.SEQUENCE_NUMBER);
        }
        validation.check();
        String type = position.type();
        StartingPositions.check(
                type,
                position.sequenceNumber(),
                position.timestamp(),
                services.clock().millis(),
                StartingPositions.SUBSCRIBE_TO_SHARD);

        Consumers.Found found = Consumers.find(services, Consumers.target(services, null, null, input.consumerArn()));
        Stream stream = found.stream();
        if (!Streams.USABLE.contains(stream.settings().status())) {
            throw Streams.notFound(services, stream.name());
        }
        if (!found.consumer().status().equals(Consumers.ACTIVE)) {
            throw Consumers.notActiveForSubscription(services, stream.name(), found.consumer());
        }
        Shard shard = Streams.shard(services, stream, input.shardId());
        if (Limits.budgeted(stream)
                && !services.limits()
                        .tryCall(new SubscribeCall(input.consumerArn(), shard.index()), CALLS_PER_SECOND)) {
            throw new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "Rate exceeded for consumer " + input.consumerArn() + " and shard "
                            + SequenceNumbers.shardId(shard.index()) + " under account " + services.accountId() + ".");
        }
        long sequenceOffset = StartingPositions.bySequence(type)
                ? SequenceNumbers.startOffset(
                        position.sequenceNumber(),
                        shard,
                        SequenceNumberUse.subscribeToShard(stream.name(), services.accountId()),
                        type.equals("AFTER_SEQUENCE_NUMBER"))
                : 0;
        Streams.dryRun(input.dryRun());

        String key = Subscriptions.key(input.consumerArn(), shard.index());
        ShardRef ref = new ShardRef(stream.name(), shard.index());
        // The slot is taken before the start is looked up, so that two concurrent calls cannot both pass.
        ShardSubscription subscription =
                new ShardSubscription(services, subscriptions, key, stream.name(), shard.index(), found.consumer());
        subscriptions.add(
                key,
                subscription,
                services.clock().millis(),
                "Another active subscription exists for this consumer: " + services.accountId() + ":"
                        + stream.name() + ":" + SequenceNumbers.shardId(shard.index()) + ":"
                        + found.consumer().name());
        return StartingPositions.resolve(services.store(), ref, type, sequenceOffset, position.timestamp())
                .handle((start, failure) -> {
                    if (failure != null) {
                        subscriptions.withdraw(key, subscription);
                        subscription.cancel();
                        throw KinesisErrors.toKinesis(failure);
                    }
                    subscription.startAt(start);
                    return (EventStreamOutput) subscription;
                });
    }
}
