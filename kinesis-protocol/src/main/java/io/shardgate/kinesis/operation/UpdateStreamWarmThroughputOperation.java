package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputInput;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * UpdateStreamWarmThroughput: records the target warm throughput of an {@code ON_DEMAND} stream in an account whose
 * {@code MinimumThroughputBillingCommitment} is in effect ({@link WarmThroughput}, ADR 0017). As on AWS the stream is
 * {@code UPDATING} meanwhile: it is claimed from {@code ACTIVE} in one atomic {@code alterStream} (with the claim token
 * reshardings use, so neither runs while the other holds the stream) and handed back to {@code ACTIVE} after {@code
 * kinesis.statusDelayMs}, when {@code CurrentMiBps} reaches the target. Reads and writes go on meanwhile.
 */
public final class UpdateStreamWarmThroughputOperation
        implements KinesisOperation<UpdateStreamWarmThroughputInput, UpdateStreamWarmThroughputOutput> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UpdateStreamWarmThroughputOperation.class);

    private final KinesisServices services;

    public UpdateStreamWarmThroughputOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateStreamWarmThroughput";
    }

    @Override
    public Class<UpdateStreamWarmThroughputInput> inputType() {
        return UpdateStreamWarmThroughputInput.class;
    }

    @Override
    public CompletionStage<UpdateStreamWarmThroughputOutput> execute(
            UpdateStreamWarmThroughputInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        if (validation.required("warmThroughputMiBps", input.warmThroughputMiBps())) {
            validation.range(
                    "warmThroughputMiBps",
                    input.warmThroughputMiBps(),
                    Constraints.NATURAL_INTEGER_MIN,
                    Integer.MAX_VALUE);
        }
        validation.check();

        String name = Streams.name(services, input.streamName(), input.streamArn());
        Stream stream = Streams.find(services, name);
        Resharding.requireActive(services, stream);
        WarmThroughput.requireOnDemand(services, stream);
        int mibps = input.warmThroughputMiBps();
        WarmThroughput.checkLimit(mibps);
        return AccountSettings.commitment(services).thenCompose(commitment -> {
            WarmThroughput.requireCommitment(services, commitment);
            String token = UUID.randomUUID().toString();
            return services.store()
                    .alterStream(name, settings -> claim(settings, token, mibps, commitment))
                    .handle((claimed, failure) -> {
                        if (failure != null) {
                            throw KinesisErrors.toKinesis(failure);
                        }
                        if (!token.equals(claimed.settings().configs().get(WarmThroughput.CLAIM_CONFIG))) {
                            Resharding.requireActive(services, claimed);
                        }
                        return claimed;
                    })
                    .thenCompose(claimed -> {
                        long delayMs = services.config().statusDelayMs();
                        if (delayMs == 0) {
                            return release(name, token).thenApply(released -> output(released, commitment));
                        }
                        context.eventLoop()
                                .schedule(
                                        () -> release(name, token).whenComplete((released, failure) -> {
                                            if (failure != null) {
                                                LOGGER.debug("stream {} did not become ACTIVE", name, failure);
                                            }
                                        }),
                                        delayMs,
                                        TimeUnit.MILLISECONDS);
                        return CompletableFuture.completedFuture(output(claimed, commitment));
                    });
        });
    }

    /** {@code UPDATING} with the new target, if the stream is still {@code ACTIVE}; unchanged otherwise. */
    private static StreamSettings claim(
            StreamSettings settings, String token, int mibps, AccountSettings.Commitment commitment) {
        if (settings.status() != StreamStatus.ACTIVE) {
            return settings;
        }
        Map<String, String> configs = new HashMap<>(settings.configs());
        var before = WarmThroughput.show(settings, commitment);
        WarmThroughput.record(configs, mibps, commitment);
        if (before != null && before.currentMiBps() != null) {
            configs.put(WarmThroughput.FROM_CONFIG, before.currentMiBps().toString());
        }
        configs.put(WarmThroughput.CLAIM_CONFIG, token);
        configs.put(Resharding.CLAIM_CONFIG, token);
        return settings.withStatus(StreamStatus.UPDATING).withConfigs(configs);
    }

    /** Back to {@code ACTIVE} at the target, if the stream is still claimed by {@code token}. */
    private CompletionStage<Stream> release(String name, String token) {
        return services.store().alterStream(name, settings -> {
            if (!token.equals(settings.configs().get(Resharding.CLAIM_CONFIG))) {
                return settings;
            }
            StreamSettings released = Resharding.released(settings);
            Map<String, String> configs = new HashMap<>(released.configs());
            configs.remove(WarmThroughput.FROM_CONFIG);
            configs.remove(WarmThroughput.CLAIM_CONFIG);
            return released.withConfigs(configs);
        });
    }

    private UpdateStreamWarmThroughputOutput output(Stream stream, AccountSettings.Commitment commitment) {
        return new UpdateStreamWarmThroughputOutput(
                services.arns().arn(stream.name()), stream.name(), WarmThroughput.show(stream.settings(), commitment));
    }
}
