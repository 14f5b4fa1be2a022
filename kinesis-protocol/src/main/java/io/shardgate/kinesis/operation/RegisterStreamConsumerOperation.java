package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.RegisterStreamConsumerInput;
import io.shardgate.kinesis.model.RegisterStreamConsumerOutput;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamStatus;

/**
 * RegisterStreamConsumer: adds an enhanced fan-out consumer to the stream's configs ({@link Consumers}), in one atomic
 * {@code alterStream} that also checks the name is free ({@code ResourceInUseException}), the stream has fewer than
 * {@value Consumers#MAX_PER_STREAM} consumers ({@value Consumers#MAX_PER_ON_DEMAND_ADVANTAGE_STREAM} for an on-demand
 * stream of an account whose commitment is in effect, ADR 0017) and fewer than {@value Consumers#MAX_CREATING} in
 * {@code CREATING} ({@code LimitExceededException}). The consumer is {@code CREATING} for the status delay, then {@code ACTIVE}.
 */
public final class RegisterStreamConsumerOperation
        implements KinesisOperation<RegisterStreamConsumerInput, RegisterStreamConsumerOutput> {

    private final KinesisServices services;

    public RegisterStreamConsumerOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "RegisterStreamConsumer";
    }

    @Override
    public Class<RegisterStreamConsumerInput> inputType() {
        return RegisterStreamConsumerInput.class;
    }

    @Override
    public CompletionStage<RegisterStreamConsumerOutput> execute(
            RegisterStreamConsumerInput input, RequestContext context) {
        Validation validation = new Validation();
        boolean streamArn = validation.required("streamARN", input.streamArn());
        boolean consumerName = validation.required("consumerName", input.consumerName());
        Consumers.validate(
                validation, streamArn ? input.streamArn() : null, consumerName ? input.consumerName() : null, null);
        validation.check();
        String streamName = Streams.name(services, null, input.streamArn());
        Stream stream = Streams.findReady(services, streamName);
        long delayMs = services.config().statusDelayMs();
        Consumers.Registered registered = new Consumers.Registered(
                input.consumerName(), services.clock().millis(), delayMs == 0 ? Consumers.ACTIVE : Consumers.CREATING);
        AtomicReference<KinesisException> refused = new AtomicReference<>();
        CompletionStage<Integer> limit = "ON_DEMAND".equals(Streams.mode(stream))
                ? AccountSettings.commitment(services)
                        .thenApply(commitment -> commitment.inEffect()
                                ? Consumers.MAX_PER_ON_DEMAND_ADVANTAGE_STREAM
                                : Consumers.MAX_PER_STREAM)
                : CompletableFuture.completedFuture(Consumers.MAX_PER_STREAM);
        return limit.thenCompose(max -> services.store().alterStream(streamName, settings -> {
                    refused.set(null);
                    List<Consumers.Registered> consumers = Consumers.of(settings.configs());
                    KinesisException refusal = refusal(streamName, consumers, input.consumerName(), max);
                    if (refusal != null || settings.status() == StreamStatus.DELETING) {
                        refused.set(refusal != null ? refusal : Streams.notFound(services, streamName));
                        return settings;
                    }
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    configs.put(Consumers.key(registered.name()), registered.encode());
                    return settings.withConfigs(configs);
                }))
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    if (refused.get() != null) {
                        throw refused.get();
                    }
                    if (delayMs > 0) {
                        Consumers.finishLater(services, context, streamName, registered);
                    }
                    return new RegisterStreamConsumerOutput(Consumers.view(services, streamName, registered));
                });
    }

    private KinesisException refusal(
            String streamName, List<Consumers.Registered> consumers, String name, int maxConsumers) {
        if (consumers.stream().anyMatch(consumer -> consumer.name().equals(name))) {
            return new KinesisException(
                    KinesisError.RESOURCE_IN_USE,
                    "Consumer " + name + " under stream " + streamName + " and account " + services.accountId()
                            + " already exists.");
        }
        if (consumers.size() >= maxConsumers) {
            return new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "Stream " + streamName + " under account " + services.accountId() + " already has " + maxConsumers
                            + " registered consumers, the most a stream can have.");
        }
        long creating = consumers.stream()
                .filter(consumer -> consumer.status().equals(Consumers.CREATING))
                .count();
        if (creating >= Consumers.MAX_CREATING) {
            return new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "Stream " + streamName + " under account " + services.accountId() + " already has "
                            + Consumers.MAX_CREATING + " consumers in CREATING status, the most that can be created"
                            + " at once.");
        }
        return null;
    }
}
