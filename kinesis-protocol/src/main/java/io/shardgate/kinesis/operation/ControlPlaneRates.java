package io.shardgate.kinesis.operation;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.DeregisterStreamConsumerInput;
import io.shardgate.kinesis.model.DescribeStreamConsumerInput;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListStreamConsumersInput;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * The control plane's transactions per second under the Kinesis limits profiles (DESIGN.md D8, ADR 0016), as the
 * AWS API reference states them for each operation: account-wide ones apply when the gateway's default profile is a
 * Kinesis one, per-stream ones when the stream's profile is. Operations whose reference gives no figure get 5 per
 * second per account ("most other control calls", BEHAVIOUR.md); the data plane (PutRecord, PutRecords, GetRecords,
 * GetShardIterator, SubscribeToShard) has its own budgets. A call over the rate is AWS's {@code
 * LimitExceededException}, checked before anything else of the request.
 */
final class ControlPlaneRates {

    /** Who a rate is counted for. */
    enum Scope {
        ACCOUNT,
        STREAM
    }

    /** {@code perSecond} calls per {@code scope}. */
    record Rate(Scope scope, int perSecond) {}

    /** The rates, by operation. */
    static final Map<String, Rate> RATES = Map.ofEntries(
            Map.entry("AddTagsToStream", account(5)),
            Map.entry("CreateChannel", account(5)),
            Map.entry("CreateStream", account(5)),
            Map.entry("DecreaseStreamRetentionPeriod", account(5)),
            Map.entry("DeleteChannel", account(5)),
            Map.entry("DeleteResourcePolicy", account(5)),
            Map.entry("DeleteStream", account(5)),
            Map.entry("DeregisterStreamConsumer", stream(5)),
            Map.entry("DescribeAccountSettings", account(5)),
            Map.entry("DescribeChannel", account(5)),
            Map.entry("DescribeLimits", account(1)),
            Map.entry("DescribeStream", account(10)),
            Map.entry("DescribeStreamConsumer", stream(20)),
            Map.entry("DescribeStreamSummary", account(20)),
            Map.entry("DisableEnhancedMonitoring", account(5)),
            Map.entry("EnableEnhancedMonitoring", account(5)),
            Map.entry("GetResourcePolicy", account(5)),
            Map.entry("IncreaseStreamRetentionPeriod", account(5)),
            Map.entry("ListChannels", account(5)),
            Map.entry("ListShards", stream(1000)),
            Map.entry("ListStreamConsumers", stream(5)),
            Map.entry("ListStreams", account(5)),
            Map.entry("ListTagsForResource", account(5)),
            Map.entry("ListTagsForStream", account(5)),
            Map.entry("MergeShards", account(5)),
            Map.entry("PutResourcePolicy", account(5)),
            Map.entry("RegisterStreamConsumer", account(5)),
            Map.entry("RemoveTagsFromStream", account(5)),
            Map.entry("SplitShard", account(5)),
            Map.entry("StartStreamEncryption", account(5)),
            Map.entry("StopStreamEncryption", account(5)),
            Map.entry("TagResource", account(5)),
            Map.entry("UntagResource", account(5)),
            Map.entry("UpdateAccountSettings", account(5)),
            Map.entry("UpdateChannel", account(5)),
            Map.entry("UpdateMaxRecordSize", account(5)),
            Map.entry("UpdateShardCount", account(5)),
            Map.entry("UpdateStreamMode", account(5)),
            Map.entry("UpdateStreamWarmThroughput", account(5)));

    private ControlPlaneRates() {}

    private static Rate account(int perSecond) {
        return new Rate(Scope.ACCOUNT, perSecond);
    }

    private static Rate stream(int perSecond) {
        return new Rate(Scope.STREAM, perSecond);
    }

    /** The operation, checked against its rate first if it has one. */
    static <I, O> KinesisOperation<I, O> limit(KinesisServices services, KinesisOperation<I, O> operation) {
        Rate rate = RATES.get(operation.name());
        return rate == null ? operation : new Limited<>(services, operation, rate);
    }

    private record AccountCall(String operation) {}

    private record StreamCall(UUID streamId, String operation) {}

    /** An operation whose calls are counted before it runs. */
    private record Limited<I, O>(KinesisServices services, KinesisOperation<I, O> operation, Rate rate)
            implements KinesisOperation<I, O> {

        @Override
        public String name() {
            return operation.name();
        }

        @Override
        public Class<I> inputType() {
            return operation.inputType();
        }

        @Override
        public CompletionStage<O> execute(I input, RequestContext context) {
            if (rate.scope() == Scope.ACCOUNT) {
                if (services.limits().defaultProfile().budgeted()
                        && !services.limits().tryCall(new AccountCall(name()), rate.perSecond())) {
                    throw exceeded(services, streamNamed(input));
                }
            } else {
                Optional<Stream> stream =
                        Optional.ofNullable(streamOf(services, input)).flatMap(services.store()::stream);
                if (stream.isPresent()
                        && Limits.budgeted(stream.get())
                        && !services.limits()
                                .tryCall(new StreamCall(stream.get().id(), name()), rate.perSecond())) {
                    throw exceeded(services, stream.get().name());
                }
            }
            return operation.execute(input, context);
        }
    }

    /** AWS's answer to a control-plane call over its rate. */
    static KinesisException exceeded(KinesisServices services, String streamName) {
        return new KinesisException(
                KinesisError.LIMIT_EXCEEDED,
                streamName == null
                        ? "Rate exceeded for account " + services.accountId() + "."
                        : "Rate exceeded for stream " + streamName + " under account " + services.accountId() + ".");
    }

    /** The stream a per-stream-rated request addresses, when it names one. */
    private static String streamOf(KinesisServices services, Object input) {
        String name = null;
        String arn = null;
        String consumerArn = null;
        if (input instanceof ListShardsInput shards) {
            name = shards.streamName();
            arn = shards.streamArn();
        } else if (input instanceof ListStreamConsumersInput consumers) {
            arn = consumers.streamArn();
        } else if (input instanceof DescribeStreamConsumerInput consumer) {
            arn = consumer.streamArn();
            consumerArn = consumer.consumerArn();
        } else if (input instanceof DeregisterStreamConsumerInput consumer) {
            arn = consumer.streamArn();
            consumerArn = consumer.consumerArn();
        }
        if (name != null) {
            return name;
        }
        if (arn != null) {
            return services.arns().streamName(arn).orElse(null);
        }
        if (consumerArn != null) {
            return services.arns()
                    .consumer(consumerArn)
                    .map(c -> c.streamName())
                    .orElse(null);
        }
        return null;
    }

    /** The {@code StreamName} of a request, for the message of a refused call; null when it names none. */
    private static String streamNamed(Object input) {
        if (!input.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : input.getClass().getRecordComponents()) {
            if (component.getName().equals("streamName")) {
                try {
                    Object value = component.getAccessor().invoke(input);
                    return value instanceof String name ? name : null;
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
