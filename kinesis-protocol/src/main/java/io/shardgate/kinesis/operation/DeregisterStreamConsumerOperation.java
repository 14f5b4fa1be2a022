package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.DeregisterStreamConsumerInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;

/**
 * DeregisterStreamConsumer: the consumer, named by its ARN or by its stream's ARN and its name, shows
 * {@code DELETING} for the status delay, then leaves the stream's configs. Only an {@code ACTIVE} consumer can be
 * deregistered ({@code ResourceInUseException} otherwise). Its subscriptions end at their next check.
 */
public final class DeregisterStreamConsumerOperation
        implements KinesisOperation<DeregisterStreamConsumerInput, EmptyResult> {

    private final KinesisServices services;

    public DeregisterStreamConsumerOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DeregisterStreamConsumer";
    }

    @Override
    public Class<DeregisterStreamConsumerInput> inputType() {
        return DeregisterStreamConsumerInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(DeregisterStreamConsumerInput input, RequestContext context) {
        Validation validation = new Validation();
        Consumers.validate(validation, input.streamArn(), input.consumerName(), input.consumerArn());
        validation.check();
        Consumers.Found found = Consumers.find(
                services, Consumers.target(services, input.streamArn(), input.consumerName(), input.consumerArn()));
        Consumers.Registered consumer = found.consumer();
        String streamName = found.stream().name();
        if (!consumer.status().equals(Consumers.ACTIVE)) {
            throw Consumers.notActive(services, streamName, consumer);
        }
        boolean delayed = services.config().statusDelayMs() > 0;
        Consumers.Registered deleting = consumer.withStatus(Consumers.DELETING);
        return services.store()
                .alterStream(streamName, settings -> {
                    if (!consumer.encode().equals(settings.configs().get(Consumers.key(consumer.name())))) {
                        return settings;
                    }
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    if (delayed) {
                        configs.put(Consumers.key(consumer.name()), deleting.encode());
                    } else {
                        configs.remove(Consumers.key(consumer.name()));
                    }
                    return settings.withConfigs(configs);
                })
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    if (delayed) {
                        Consumers.finishLater(services, context, streamName, deleting);
                    }
                    return EmptyResult.INSTANCE;
                });
    }
}
