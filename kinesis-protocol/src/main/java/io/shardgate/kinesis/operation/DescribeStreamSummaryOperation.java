package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryOutput;
import io.shardgate.kinesis.model.StreamDescriptionSummary;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.WarmThroughputObject;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * DescribeStreamSummary: the stream without its shards, with the number of open shards and of registered consumers,
 * the maximum record size (ADR 0015) and, for an on-demand stream of an account with a commitment in effect, its warm
 * throughput (ADR 0017; only then is the account's setting read from the store).
 */
public final class DescribeStreamSummaryOperation
        implements KinesisOperation<DescribeStreamSummaryInput, DescribeStreamSummaryOutput> {

    private final KinesisServices services;

    public DescribeStreamSummaryOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeStreamSummary";
    }

    @Override
    public Class<DescribeStreamSummaryInput> inputType() {
        return DescribeStreamSummaryInput.class;
    }

    @Override
    public CompletionStage<DescribeStreamSummaryOutput> execute(
            DescribeStreamSummaryInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        Stream stream = Streams.find(services, Streams.name(services, input.streamName(), input.streamArn()));
        if (!WarmThroughput.recorded(stream)) {
            return CompletableFuture.completedFuture(summary(stream, null));
        }
        return AccountSettings.commitment(services)
                .thenApply(commitment -> summary(stream, WarmThroughput.show(stream.settings(), commitment)));
    }

    private DescribeStreamSummaryOutput summary(Stream stream, WarmThroughputObject warmThroughput) {
        return new DescribeStreamSummaryOutput(new StreamDescriptionSummary(
                stream.name(),
                services.arns().arn(stream.name()),
                stream.settings().status().name(),
                new StreamModeDetails(Streams.mode(stream)),
                Streams.retentionHours(stream),
                Instant.ofEpochMilli(stream.createdAtMs()),
                StreamConfigs.enhancedMonitoring(stream),
                StreamConfigs.encryptionType(stream),
                StreamConfigs.keyId(stream),
                stream.openShards().size(),
                Consumers.count(stream),
                MaxRecordSize.kib(stream),
                warmThroughput,
                RecordDistribution.shown(stream)));
    }
}
