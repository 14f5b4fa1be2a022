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
 * the maximum record size (ADR 0015), for an on-demand stream of an account with a commitment in effect its warm
 * throughput (ADR 0017; only then is the account's setting read from the store), and the number of channels that read
 * it (ADR 0019; the account's channels are read from the store).
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
        CompletionStage<WarmThroughputObject> warmThroughput = WarmThroughput.recorded(stream)
                ? AccountSettings.commitment(services)
                        .thenApply(commitment -> WarmThroughput.show(stream.settings(), commitment))
                : CompletableFuture.completedFuture(null);
        return warmThroughput.thenCombine(
                Channels.count(services, stream), (warm, channels) -> summary(stream, warm, channels));
    }

    private DescribeStreamSummaryOutput summary(Stream stream, WarmThroughputObject warmThroughput, int channels) {
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
                RecordDistribution.shown(stream),
                channels));
    }
}
