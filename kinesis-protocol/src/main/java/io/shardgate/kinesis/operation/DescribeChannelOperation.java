package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DescribeChannelInput;
import io.shardgate.kinesis.model.DescribeChannelOutput;
import io.shardgate.kinesis.validation.Validation;

/**
 * DescribeChannel: the channel a {@code ChannelARN} names, as CreateChannel and UpdateChannel left it, with its status
 * read through the clock ({@link Channels}); a channel whose source stream was deleted is {@code FAILED} with a
 * {@code ChannelStatusReason}. An ARN of another region or account, or of no channel, is {@code
 * ResourceNotFoundException}.
 */
public final class DescribeChannelOperation implements KinesisOperation<DescribeChannelInput, DescribeChannelOutput> {

    private final KinesisServices services;

    public DescribeChannelOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeChannel";
    }

    @Override
    public Class<DescribeChannelInput> inputType() {
        return DescribeChannelInput.class;
    }

    @Override
    public CompletionStage<DescribeChannelOutput> execute(DescribeChannelInput input, RequestContext context) {
        Validation validation = new Validation();
        Channels.validateArn(validation, input.channelArn());
        validation.check();
        String id = Channels.id(services, input.channelArn());
        return Channels.all(services).thenApply(live -> {
            Channels.Channel channel =
                    Channels.find(live, id).orElseThrow(() -> Channels.notFound(services, input.channelArn()));
            return new DescribeChannelOutput(
                    Channels.describe(services, channel, services.clock().millis()));
        });
    }
}
