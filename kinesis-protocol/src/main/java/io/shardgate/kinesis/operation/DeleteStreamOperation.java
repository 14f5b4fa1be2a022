package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.DeleteStreamInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamStatus;

/**
 * DeleteStream: the stream shows {@code DELETING} for the configured status delay, then leaves the catalog and its
 * data is removed in the background. Works on Kafka-origin topics too (a topic is a stream). A stream with registered
 * consumers is deleted only with {@code EnforceConsumerDeletion} (AWS's {@code ResourceInUseException} otherwise);
 * its consumers live in its configs and go with it. A stream that channels read is not deleted ({@code
 * ResourceInUseException}, as AWS documents: "A stream cannot be deleted while it has active channels"), whatever
 * {@code EnforceConsumerDeletion} says; a channel in any status counts until it is gone (ADR 0019).
 */
public final class DeleteStreamOperation implements KinesisOperation<DeleteStreamInput, EmptyResult> {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeleteStreamOperation.class);

    private final KinesisServices services;

    public DeleteStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DeleteStream";
    }

    @Override
    public Class<DeleteStreamInput> inputType() {
        return DeleteStreamInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(DeleteStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        String name = Streams.name(services, input.streamName(), input.streamArn());
        Stream stream = Streams.find(services, name);
        if (Consumers.count(stream) > 0 && !Boolean.TRUE.equals(input.enforceConsumerDeletion())) {
            throw new KinesisException(
                    KinesisError.RESOURCE_IN_USE,
                    "DeleteStream can\u2019t delete " + services.accountId() + ":" + name + " because there are"
                            + " consumers associated with this data stream. To delete " + name + " anyway, set the"
                            + " EnforceConsumerDeletion parameter to true to force the deletion of all the consumers"
                            + " that are associated with it.");
        }
        return Channels.all(services).thenCompose(channels -> {
            if (channels.stream().anyMatch(channel -> channel.reads(stream))) {
                throw new KinesisException(
                        KinesisError.RESOURCE_IN_USE,
                        "DeleteStream can\u2019t delete " + services.accountId() + ":" + name + " because there are"
                                + " channels associated with this data stream. Delete them first: ListChannels with"
                                + " a StreamFilter naming the stream finds them.");
            }
            return startDeletion(stream, context);
        });
    }

    private CompletionStage<EmptyResult> startDeletion(Stream stream, RequestContext context) {
        String name = stream.name();
        long delayMs = services.config().statusDelayMs();
        services.limits().forget(stream.id());
        if (delayMs == 0) {
            return services.store().deleteStream(name).thenApply(done -> EmptyResult.INSTANCE);
        }
        return services.store()
                .alterStream(name, settings -> settings.withStatus(StreamStatus.DELETING))
                .thenApply(deleting -> {
                    context.eventLoop().schedule(() -> delete(name), delayMs, TimeUnit.MILLISECONDS);
                    return EmptyResult.INSTANCE;
                });
    }

    private void delete(String name) {
        CompletionStage<Void> deleted = services.store().stream(name)
                .filter(stream -> stream.settings().status() == StreamStatus.DELETING)
                .map(stream -> services.store().deleteStream(name))
                .orElse(CompletableFuture.completedFuture(null));
        deleted.whenComplete((done, failure) -> {
            if (failure != null && KinesisErrors.isServerFault(failure)) {
                LOGGER.warn("deleting stream {} failed", name, failure);
            }
        });
    }
}
