package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DescribeStreamConsumerInput;
import io.shardgate.kinesis.model.DescribeStreamConsumerOutput;
import io.shardgate.kinesis.validation.Validation;

/** DescribeStreamConsumer: a consumer by its ARN, or by its stream's ARN and its name, from the catalog. */
public final class DescribeStreamConsumerOperation
        implements KinesisOperation<DescribeStreamConsumerInput, DescribeStreamConsumerOutput> {

    private final KinesisServices services;

    public DescribeStreamConsumerOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeStreamConsumer";
    }

    @Override
    public Class<DescribeStreamConsumerInput> inputType() {
        return DescribeStreamConsumerInput.class;
    }

    @Override
    public CompletionStage<DescribeStreamConsumerOutput> execute(
            DescribeStreamConsumerInput input, RequestContext context) {
        Validation validation = new Validation();
        Consumers.validate(validation, input.streamArn(), input.consumerName(), input.consumerArn());
        validation.check();
        Consumers.Found found = Consumers.find(
                services, Consumers.target(services, input.streamArn(), input.consumerName(), input.consumerArn()));
        return CompletableFuture.completedFuture(new DescribeStreamConsumerOutput(
                Consumers.describe(services, found.stream().name(), found.consumer())));
    }
}
