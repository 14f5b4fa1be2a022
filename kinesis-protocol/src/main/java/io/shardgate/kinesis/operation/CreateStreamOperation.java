package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.NewStream;
import io.shardgate.store.StreamExistsException;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * CreateStream: a Kinesis-origin stream (D4) of {@code ShardCount} shards with uniform hash-key ranges, or of
 * {@value #ON_DEMAND_SHARDS} shards in {@code ON_DEMAND} mode as AWS starts one. The stream is {@code CREATING} until
 * the configured status delay has passed, then {@code ACTIVE}. Tags and the mode are kept in the stream's configs;
 * {@code MaxRecordSizeInKiB} (1 MiB by default) is the store's {@code maxRecordBytes} (ADR 0015);
 * {@code WarmThroughputMiBps} is recorded for an on-demand stream of an account with a commitment ({@link
 * WarmThroughput}, ADR 0017); {@code RecordDistributionStrategy} {@code AUTO} for an on-demand stream ({@link
 * RecordDistribution}, ADR 0020).
 */
public final class CreateStreamOperation implements KinesisOperation<CreateStreamInput, EmptyResult> {
    private static final Logger LOGGER = LoggerFactory.getLogger(CreateStreamOperation.class);

    /** The shards of a new on-demand stream (4 MiB/s of writes). */
    public static final int ON_DEMAND_SHARDS = 4;

    private final KinesisServices services;

    public CreateStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "CreateStream";
    }

    @Override
    public Class<CreateStreamInput> inputType() {
        return CreateStreamInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(CreateStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("streamName", input.streamName())) {
            validation.string(
                    "streamName", input.streamName(), 1, Constraints.STREAM_NAME_MAX, Constraints.STREAM_NAME);
        }
        validation.range("shardCount", input.shardCount(), 1, Constraints.SHARD_COUNT_MAX);
        if (input.streamModeDetails() != null
                && validation.required(
                        "streamModeDetails.streamMode",
                        input.streamModeDetails().streamMode())) {
            validation.oneOf(
                    "streamModeDetails.streamMode", input.streamModeDetails().streamMode(), Constraints.STREAM_MODES);
        }
        validation.range(
                "maxRecordSizeInKiB",
                input.maxRecordSizeInKiB(),
                Constraints.MAX_RECORD_SIZE_KIB_MIN,
                Constraints.MAX_RECORD_SIZE_KIB_MAX);
        validation.range(
                "warmThroughputMiBps", input.warmThroughputMiBps(), Constraints.NATURAL_INTEGER_MIN, Integer.MAX_VALUE);
        validation.oneOf(
                "recordDistributionStrategy", input.recordDistributionStrategy(), RecordDistribution.STRATEGIES);
        validation.size("tags", input.tags(), 1, Constraints.TAGS_MAX);
        if (input.tags() != null) {
            input.tags().forEach((key, value) -> validation
                    .string("tags.key", key, 1, Constraints.TAG_KEY_MAX, null)
                    .string("tags.value", value, 0, Constraints.TAG_VALUE_MAX, null));
        }
        validation.check();

        String mode = input.streamModeDetails() == null
                ? "PROVISIONED"
                : input.streamModeDetails().streamMode();
        int shards;
        if (mode.equals("ON_DEMAND")) {
            if (input.shardCount() != null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT, "ShardCount must not be specified for an ON_DEMAND stream.");
            }
            shards = ON_DEMAND_SHARDS;
        } else {
            if (input.shardCount() == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT, "ShardCount is required for a PROVISIONED stream.");
            }
            shards = input.shardCount();
        }
        String name = input.streamName();
        RecordDistribution.requireSupported(services, name, mode, input.recordDistributionStrategy());
        if (services.store().stream(name).isPresent()) {
            throw inUse(name);
        }
        Throttling.shardQuota(services, shards);
        Map<String, String> configs = new HashMap<>();
        configs.put(Streams.MODE_CONFIG, mode);
        RecordDistribution.record(configs, input.recordDistributionStrategy());
        if (input.tags() != null) {
            input.tags().forEach((key, value) -> configs.put(Streams.TAG_CONFIG_PREFIX + key, value));
        }
        long delayMs = services.config().statusDelayMs();
        StreamSettings settings = StreamSettings.defaults().withLimitsProfile(Throttling.profileFor(services, mode));
        if (input.maxRecordSizeInKiB() != null) {
            settings = settings.withMaxRecordBytes(input.maxRecordSizeInKiB() * 1024);
        }
        StreamSettings base = settings.withStatus(delayMs == 0 ? StreamStatus.ACTIVE : StreamStatus.CREATING);
        return WarmThroughput.forMode(services, mode, input.warmThroughputMiBps())
                .thenCompose(warmThroughput -> {
                    warmThroughput.accept(configs);
                    return services.store()
                            .createStream(
                                    NewStream.uniform(name, StreamOrigin.KINESIS, base.withConfigs(configs), shards));
                })
                .handle((created, failure) -> {
                    if (failure != null) {
                        if (KinesisErrors.unwrap(failure) instanceof StreamExistsException) {
                            throw inUse(name);
                        }
                        throw KinesisErrors.toKinesis(failure);
                    }
                    if (delayMs > 0) {
                        context.eventLoop().schedule(() -> activate(name), delayMs, TimeUnit.MILLISECONDS);
                    }
                    return EmptyResult.INSTANCE;
                });
    }

    private void activate(String name) {
        services.store()
                .alterStream(
                        name,
                        settings -> settings.status() == StreamStatus.CREATING
                                ? settings.withStatus(StreamStatus.ACTIVE)
                                : settings)
                .whenComplete((stream, failure) -> {
                    if (failure != null) {
                        LOGGER.debug("stream {} did not become ACTIVE", name, failure);
                    }
                });
    }

    private KinesisException inUse(String name) {
        return new KinesisException(
                KinesisError.RESOURCE_IN_USE,
                "Stream " + name + " under account " + services.accountId() + " already exists.");
    }
}
