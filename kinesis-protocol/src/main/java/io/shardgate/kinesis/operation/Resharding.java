package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * What SplitShard, MergeShards and UpdateShardCount share: AWS's checks and messages, and one resharding at a time
 * per stream. A resharding claims the stream by moving it from {@code ACTIVE} to {@code UPDATING} in one atomic
 * {@code alterStream} that also records a claim token (a second request finds the stream {@code UPDATING} and gets
 * {@code ResourceInUseException}), applies its {@code ShardChange} in one store {@code reshard}, and hands the stream
 * back to {@code ACTIVE} after the configured status delay, as CreateStream does.
 */
public final class Resharding {
    private static final Logger LOGGER = LoggerFactory.getLogger(Resharding.class);

    /** The stream config holding the token of the resharding that set the stream {@code UPDATING}. */
    static final String CLAIM_CONFIG = "kinesis.reshardingClaim";

    private Resharding() {}

    /**
     * The stream a resharding addresses, if Kinesis may reshard it.
     *
     * @throws KinesisException {@code ResourceNotFoundException}, or {@code InvalidArgumentException} for a stream
     *     created through Kafka (D4)
     */
    static Stream stream(KinesisServices services, String name, String operation) {
        Stream stream = Streams.find(services, name);
        if (stream.origin() != StreamOrigin.KINESIS) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    operation + " is not allowed on stream " + name + " under account " + services.accountId()
                            + ": it was created as a Kafka topic and follows Kafka's partitioning rules (DESIGN.md"
                            + " D4); add partitions with the Kafka CreatePartitions API instead.");
        }
        return stream;
    }

    /**
     * The listed shard a shard id names, as SplitShard and MergeShards look it up.
     *
     * @throws KinesisException {@code ResourceNotFoundException} worded as AWS words it
     */
    static Shard shard(KinesisServices services, Stream stream, String shardId) {
        int index = ShardViews.index(shardId);
        if (index < 0 || index >= stream.shards().size() || stream.shard(index).state() == ShardState.EXPIRED) {
            throw new KinesisException(
                    KinesisError.RESOURCE_NOT_FOUND,
                    "Could not find shard " + (index < 0 ? shardId : SequenceNumbers.shardId(index)) + " in stream "
                            + stream.name() + " under account " + services.accountId() + ".");
        }
        return stream.shard(index);
    }

    /**
     * Refuses a shard that a resharding already closed.
     *
     * @throws KinesisException {@code InvalidArgumentException}
     */
    static void requireOpen(KinesisServices services, Stream stream, Shard shard, String use) {
        if (!shard.isOpen()) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Shard " + SequenceNumbers.shardId(shard.index()) + " in stream " + stream.name()
                            + " under account " + services.accountId()
                            + " has already been merged or split, and thus is not eligible for " + use + ".");
        }
    }

    /**
     * Refuses a stream that is not {@code ACTIVE}.
     *
     * @throws KinesisException {@code ResourceInUseException}
     */
    static void requireActive(KinesisServices services, Stream stream) {
        StreamStatus status = stream.settings().status();
        if (status != StreamStatus.ACTIVE) {
            throw Streams.notActive(services, stream.name(), status);
        }
    }

    /** The hash key after {@code key}. */
    static BigInteger next(BigInteger key) {
        return key.add(BigInteger.ONE);
    }

    /**
     * Claims the stream ({@code UPDATING}), applies {@code change} and gives the stream back ({@code ACTIVE}) after
     * the status delay; with no delay the stage completes once the stream is {@code ACTIVE} again.
     */
    static CompletionStage<Stream> apply(
            KinesisServices services, RequestContext context, String name, ShardChange change) {
        String token = UUID.randomUUID().toString();
        return services.store()
                .alterStream(name, settings -> {
                    if (settings.status() != StreamStatus.ACTIVE) {
                        return settings;
                    }
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    configs.put(CLAIM_CONFIG, token);
                    return settings.withStatus(StreamStatus.UPDATING).withConfigs(configs);
                })
                .thenCompose(claimed -> {
                    if (!token.equals(claimed.settings().configs().get(CLAIM_CONFIG))) {
                        throw Streams.notActive(
                                services, name, claimed.settings().status());
                    }
                    return services.store()
                            .reshard(name, change)
                            .handle((resharded, failure) -> failure)
                            .thenCompose(failure -> {
                                long delayMs = services.config().statusDelayMs();
                                if (failure != null || delayMs == 0) {
                                    return release(services, name, token).thenApply(released -> {
                                        if (failure != null) {
                                            throw KinesisErrors.toKinesis(failure);
                                        }
                                        return released;
                                    });
                                }
                                context.eventLoop()
                                        .schedule(
                                                () -> release(services, name, token)
                                                        .whenComplete((stream, error) -> {
                                                            if (error != null) {
                                                                LOGGER.debug(
                                                                        "stream {} did not become ACTIVE", name, error);
                                                            }
                                                        }),
                                                delayMs,
                                                TimeUnit.MILLISECONDS);
                                return CompletableFuture.completedFuture(
                                        services.store().stream(name).orElse(claimed));
                            });
                });
    }

    /** Back to {@code ACTIVE} if the stream is still claimed by {@code token}. */
    private static CompletionStage<Stream> release(KinesisServices services, String name, String token) {
        return services.store()
                .alterStream(
                        name,
                        settings -> token.equals(settings.configs().get(CLAIM_CONFIG)) ? released(settings) : settings);
    }

    /**
     * The settings of a stream whose resharding is over: {@code ACTIVE} and unclaimed if it was {@code UPDATING}.
     * The listener applies it at start to streams a previous run left {@code UPDATING} (their timers died with it).
     */
    public static StreamSettings released(StreamSettings settings) {
        if (settings.status() != StreamStatus.UPDATING) {
            return settings;
        }
        Map<String, String> configs = new HashMap<>(settings.configs());
        configs.remove(CLAIM_CONFIG);
        return settings.withStatus(StreamStatus.ACTIVE).withConfigs(configs);
    }
}
