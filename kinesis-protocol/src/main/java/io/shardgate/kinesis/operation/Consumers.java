package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.StreamArns;
import io.shardgate.kinesis.model.Consumer;
import io.shardgate.kinesis.model.ConsumerDescription;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamSettings;

/**
 * Enhanced fan-out consumers, kept in their stream's configs (ADR 0011): one config per consumer,
 * {@code kinesis.consumer.<name>} = {@code v1|<registration epoch ms>|<status>}. They are durable with the stream's
 * catalog entry and vanish with it. A consumer is {@code CREATING} for the listener's status delay, then
 * {@code ACTIVE}; deregistered, it is {@code DELETING} for the delay, then gone. A status change whose timer died with
 * the process is finished at the next start ({@link #finished(StreamSettings)}).
 */
public final class Consumers {
    private static final Logger LOGGER = LoggerFactory.getLogger(Consumers.class);

    /** The prefix of the stream configs holding consumers. */
    static final String CONFIG_PREFIX = "kinesis.consumer.";

    /** The most consumers a stream has registered at once (AWS's limit for provisioned and On-demand Standard streams). */
    public static final int MAX_PER_STREAM = 20;

    /**
     * Consumers an on-demand stream may have in an account whose {@code MinimumThroughputBillingCommitment} is in
     * effect ("On-demand Advantage", RegisterStreamConsumer's documentation; ADR 0017).
     */
    public static final int MAX_PER_ON_DEMAND_ADVANTAGE_STREAM = 50;

    /** The most consumers of a stream in {@code CREATING} at once. */
    public static final int MAX_CREATING = 5;

    public static final String CREATING = "CREATING";
    public static final String ACTIVE = "ACTIVE";
    public static final String DELETING = "DELETING";

    private Consumers() {}

    /** A consumer as its stream config records it. */
    record Registered(String name, long createdAtMs, String status) {
        String encode() {
            return "v1|" + createdAtMs + "|" + status;
        }

        long creationSecond() {
            return Math.floorDiv(createdAtMs, 1000L);
        }

        Registered withStatus(String newStatus) {
            return new Registered(name, createdAtMs, newStatus);
        }

        static Optional<Registered> decode(String name, String value) {
            String[] parts = value.split("\\|", 3);
            if (parts.length != 3 || !parts[0].equals("v1")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Registered(name, Long.parseLong(parts[1]), parts[2]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** The consumers of a stream, by name. */
    static List<Registered> of(Stream stream) {
        return of(stream.settings().configs());
    }

    static List<Registered> of(Map<String, String> configs) {
        List<Registered> consumers = new ArrayList<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(CONFIG_PREFIX)) {
                Registered.decode(key.substring(CONFIG_PREFIX.length()), value).ifPresent(consumers::add);
            }
        });
        consumers.sort(Comparator.comparing(Registered::name));
        return consumers;
    }

    /** The number of consumers a stream has registered (DescribeStreamSummary's {@code ConsumerCount}). */
    static int count(Stream stream) {
        return of(stream).size();
    }

    static Optional<Registered> find(Stream stream, String name) {
        String value = stream.settings().configs().get(CONFIG_PREFIX + name);
        return value == null ? Optional.empty() : Registered.decode(name, value);
    }

    static String key(String name) {
        return CONFIG_PREFIX + name;
    }

    /** The consumer a request names, by its ARN or by its stream's ARN and its name. */
    record Target(String streamName, String consumerName, String consumerArn) {}

    /** Validates the three optional members that name a consumer. */
    static void validate(Validation validation, String streamArn, String consumerName, String consumerArn) {
        validation
                .string("streamARN", streamArn, 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN)
                .string("consumerName", consumerName, 1, Constraints.CONSUMER_NAME_MAX, Constraints.CONSUMER_NAME)
                .string("consumerARN", consumerArn, 1, Constraints.CONSUMER_ARN_MAX, Constraints.CONSUMER_ARN);
    }

    /**
     * The consumer a DescribeStreamConsumer or DeregisterStreamConsumer request names: its ARN, or a stream ARN and a
     * consumer name.
     *
     * @throws KinesisException {@code InvalidArgumentException} when it names none or two different ones,
     *     {@code ResourceNotFoundException} for an ARN of another region or account
     */
    static Target target(KinesisServices services, String streamArn, String consumerName, String consumerArn) {
        StreamArns arns = services.arns();
        if (consumerArn != null) {
            StreamArns.ConsumerArn parsed = arns.consumer(consumerArn)
                    .orElseThrow(() -> new KinesisException(
                            KinesisError.RESOURCE_NOT_FOUND, "Consumer " + consumerArn + " not found."));
            if (consumerName != null && !consumerName.equals(parsed.consumerName())
                    || streamArn != null
                            && !arns.streamName(streamArn).orElse("").equals(parsed.streamName())) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "ConsumerARN " + consumerArn + " does not name the consumer that StreamARN and ConsumerName"
                                + " name.");
            }
            return new Target(parsed.streamName(), parsed.consumerName(), consumerArn);
        }
        if (streamArn == null || consumerName == null) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        String streamName = Streams.name(services, null, streamArn);
        return new Target(streamName, consumerName, null);
    }

    /** The stream and the registered consumer a target names; a consumer ARN must carry its registration second. */
    static Found find(KinesisServices services, Target target) {
        Stream stream = services.store().stream(target.streamName())
                .orElseThrow(() -> target.consumerArn() != null
                        ? notFound(services, target.streamName(), target.consumerName())
                        : Streams.notFound(services, target.streamName()));
        Registered consumer = find(stream, target.consumerName())
                .filter(found -> target.consumerArn() == null
                        || services.arns()
                                .consumerArn(stream.name(), found.name(), found.createdAtMs())
                                .equals(target.consumerArn()))
                .orElseThrow(() -> notFound(services, target.streamName(), target.consumerName()));
        return new Found(stream, consumer);
    }

    /** A stream and one of its consumers. */
    record Found(Stream stream, Registered consumer) {}

    static KinesisException notFound(KinesisServices services, String streamName, String consumerName) {
        return new KinesisException(
                KinesisError.RESOURCE_NOT_FOUND,
                "Consumer " + consumerName + " under stream " + streamName + " and account " + services.accountId()
                        + " not found.");
    }

    /**
     * AWS's answer when a consumer that must be {@code ACTIVE} is not, as AWS words it on the control plane
     * (PutResourcePolicy on a consumer in the field, aws-cloudformation/cloudformation-coverage-roadmap issue 2442, 2025).
     */
    static KinesisException notActive(KinesisServices services, String streamName, Registered consumer) {
        return new KinesisException(
                KinesisError.RESOURCE_IN_USE,
                "Consumer " + consumer.name() + " with creation timestamp " + consumer.creationSecond()
                        + " under stream " + streamName + " and account " + services.accountId()
                        + " is not in ACTIVE status.");
    }

    /**
     * The same answer as SubscribeToShard words it, spaces and punctuation as AWS answered in the field
     * (awslabs/kinesis-hot-shard-advisor issue 37, 2024): "… under stream: … , account … is not in ACTIVE status."
     */
    static KinesisException notActiveForSubscription(KinesisServices services, String streamName, Registered consumer) {
        return new KinesisException(
                KinesisError.RESOURCE_IN_USE,
                "Consumer " + consumer.name() + " with creation timestamp " + consumer.creationSecond()
                        + " under stream: " + streamName + " , account " + services.accountId()
                        + " is not in ACTIVE status.");
    }

    static Consumer view(KinesisServices services, String streamName, Registered consumer) {
        return new Consumer(
                consumer.name(),
                services.arns().consumerArn(streamName, consumer.name(), consumer.createdAtMs()),
                consumer.status(),
                Instant.ofEpochMilli(consumer.createdAtMs()));
    }

    static ConsumerDescription describe(KinesisServices services, String streamName, Registered consumer) {
        return new ConsumerDescription(
                consumer.name(),
                services.arns().consumerArn(streamName, consumer.name(), consumer.createdAtMs()),
                consumer.status(),
                Instant.ofEpochMilli(consumer.createdAtMs()),
                services.arns().arn(streamName));
    }

    /**
     * After the status delay, the consumer registered at {@code createdAtMs} leaves {@code from}: a {@code CREATING}
     * one becomes {@code ACTIVE}, a {@code DELETING} one is removed. A consumer re-registered meanwhile (another
     * registration time) is left alone.
     */
    static void finishLater(KinesisServices services, RequestContext context, String streamName, Registered consumer) {
        context.eventLoop()
                .schedule(
                        () -> services.store()
                                .alterStream(streamName, settings -> finish(settings, consumer))
                                .whenComplete((done, failure) -> {
                                    if (failure != null) {
                                        LOGGER.debug(
                                                "consumer {} of stream {} did not leave {}",
                                                consumer.name(),
                                                streamName,
                                                consumer.status(),
                                                failure);
                                    }
                                }),
                        services.config().statusDelayMs(),
                        TimeUnit.MILLISECONDS);
    }

    private static StreamSettings finish(StreamSettings settings, Registered consumer) {
        String current = settings.configs().get(key(consumer.name()));
        if (current == null || !current.equals(consumer.encode())) {
            return settings;
        }
        Map<String, String> configs = new HashMap<>(settings.configs());
        if (consumer.status().equals(DELETING)) {
            configs.remove(key(consumer.name()));
        } else {
            configs.put(key(consumer.name()), consumer.withStatus(ACTIVE).encode());
        }
        return settings.withConfigs(configs);
    }

    /**
     * The settings with every consumer's pending status change done: {@code CREATING} ones {@code ACTIVE},
     * {@code DELETING} ones gone. For the listener's start, after a previous run's timers died with it.
     */
    public static StreamSettings finished(StreamSettings settings) {
        Map<String, String> configs = new HashMap<>(settings.configs());
        boolean changed = false;
        for (Registered consumer : of(settings.configs())) {
            if (consumer.status().equals(CREATING)) {
                configs.put(key(consumer.name()), consumer.withStatus(ACTIVE).encode());
                changed = true;
            } else if (consumer.status().equals(DELETING)) {
                configs.remove(key(consumer.name()));
                changed = true;
            }
        }
        return changed ? settings.withConfigs(configs) : settings;
    }

    /** Whether a stream has a consumer whose status change is pending. */
    public static boolean pending(Stream stream) {
        return of(stream).stream().anyMatch(consumer -> !consumer.status().equals(ACTIVE));
    }
}
