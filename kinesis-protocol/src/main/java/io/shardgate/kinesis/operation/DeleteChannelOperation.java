package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DeleteChannelInput;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;

/**
 * DeleteChannel: the channel shows {@code DELETING} for the status delay, then is gone ({@link Channels}); with no
 * delay it goes at once. A channel in any status can be deleted (AWS lists no {@code ResourceInUseException} for this
 * operation); deleting one that is already {@code DELETING} changes nothing. Nothing was delivered, so nothing is left
 * at a destination.
 */
public final class DeleteChannelOperation implements KinesisOperation<DeleteChannelInput, EmptyResult> {

    private final KinesisServices services;

    public DeleteChannelOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DeleteChannel";
    }

    @Override
    public Class<DeleteChannelInput> inputType() {
        return DeleteChannelInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(DeleteChannelInput input, RequestContext context) {
        Validation validation = new Validation();
        Channels.validateArn(validation, input.channelArn());
        validation.check();
        String id = Channels.id(services, input.channelArn());
        long delayMs = services.config().statusDelayMs();
        return Channels.change(services, (live, nowMs) -> {
            Channels.Channel channel = Channels.find(live, id).orElse(null);
            if (channel == null) {
                return Channels.Outcome.refuse(Channels.notFound(services, input.channelArn()));
            }
            if (channel.goneAtMs() != null) {
                return Channels.Outcome.keep(EmptyResult.INSTANCE);
            }
            List<Channels.Channel> channels = new ArrayList<>(live);
            channels.remove(channel);
            if (delayMs > 0) {
                channels.add(channel.deleting(nowMs + delayMs));
            }
            return Channels.Outcome.store(channels, EmptyResult.INSTANCE);
        });
    }
}
