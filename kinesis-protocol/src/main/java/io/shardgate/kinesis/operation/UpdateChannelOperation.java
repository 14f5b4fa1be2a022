package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.ChannelLoggingConfiguration;
import io.shardgate.kinesis.model.CloudWatchLogs;
import io.shardgate.kinesis.model.CloudWatchLogsUpdateInput;
import io.shardgate.kinesis.model.S3DestinationDescription;
import io.shardgate.kinesis.model.S3TablesDestinationDescription;
import io.shardgate.kinesis.model.UpdateChannelInput;
import io.shardgate.kinesis.model.UpdateChannelOutput;
import io.shardgate.kinesis.validation.Validation;

/**
 * UpdateChannel: changes what AWS lets change on a channel, its data freshness (through the update shape of its own
 * destination type) and its CloudWatch Logs settings (a log group or stream not given keeps the current one); every
 * other setting is fixed at creation. The change is recorded at once and the channel shows {@code UPDATING} for the
 * status delay, then {@code ACTIVE} ({@link Channels}). Only an {@code ACTIVE} channel can be updated ({@code
 * ResourceInUseException}); the other destination type's shape, both, or nothing to change are {@code
 * InvalidArgumentException}, as is a data freshness outside 300–900 seconds.
 */
public final class UpdateChannelOperation implements KinesisOperation<UpdateChannelInput, UpdateChannelOutput> {

    private final KinesisServices services;

    public UpdateChannelOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateChannel";
    }

    @Override
    public Class<UpdateChannelInput> inputType() {
        return UpdateChannelInput.class;
    }

    @Override
    public CompletionStage<UpdateChannelOutput> execute(UpdateChannelInput input, RequestContext context) {
        validate(input);
        boolean s3 = input.s3DestinationConfiguration() != null;
        boolean s3Tables = input.s3TablesDestinationConfiguration() != null;
        if (s3 && s3Tables) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Only one of S3DestinationConfiguration and S3TablesDestinationConfiguration can be specified: a"
                            + " channel has one destination.");
        }
        if (!s3 && !s3Tables && input.loggingConfiguration() == null) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Nothing to update: specify S3DestinationConfiguration, S3TablesDestinationConfiguration or"
                            + " LoggingConfiguration.");
        }
        Integer freshness = s3
                ? input.s3DestinationConfiguration().dataFreshnessInSeconds()
                : s3Tables ? input.s3TablesDestinationConfiguration().dataFreshnessInSeconds() : null;
        Channels.checkDataFreshness(freshness);
        String id = Channels.id(services, input.channelArn());
        long delayMs = services.config().statusDelayMs();
        return Channels.change(services, (live, nowMs) -> {
                    Channels.Channel channel = Channels.find(live, id).orElse(null);
                    if (channel == null) {
                        return Channels.Outcome.refuse(Channels.notFound(services, input.channelArn()));
                    }
                    String status = Channels.state(services, channel, nowMs).status();
                    if (!status.equals(Channels.ACTIVE)) {
                        return Channels.Outcome.refuse(new KinesisException(
                                KinesisError.RESOURCE_IN_USE,
                                "Channel " + channel.name() + " under account " + services.accountId()
                                        + " not ACTIVE, instead in state " + status));
                    }
                    String given = s3 ? Channels.S3 : s3Tables ? Channels.S3_TABLES : null;
                    if (given != null && !given.equals(channel.destinationType())) {
                        return Channels.Outcome.refuse(new KinesisException(
                                KinesisError.INVALID_ARGUMENT,
                                "Channel " + channel.name() + " delivers to " + channel.destinationType() + ": use "
                                        + (channel.destinationType().equals(Channels.S3)
                                                ? "S3DestinationConfiguration"
                                                : "S3TablesDestinationConfiguration")
                                        + " to update its data freshness."));
                    }
                    Channels.Channel updated = channel.updated(
                            s3 ? withFreshness(channel.s3(), freshness) : channel.s3(),
                            s3Tables ? withFreshness(channel.s3Tables(), freshness) : channel.s3Tables(),
                            logging(channel, input),
                            delayMs > 0 ? nowMs + delayMs : null);
                    List<Channels.Channel> channels = new ArrayList<>(live);
                    channels.set(channels.indexOf(channel), updated);
                    return Channels.Outcome.store(channels, updated);
                })
                .thenApply(updated -> new UpdateChannelOutput(
                        Channels.describe(services, updated, services.clock().millis())));
    }

    private static S3DestinationDescription withFreshness(S3DestinationDescription s3, int seconds) {
        return new S3DestinationDescription(seconds, s3.deadLetterQueueS3Configuration(), s3.storageConfiguration());
    }

    private static S3TablesDestinationDescription withFreshness(S3TablesDestinationDescription tables, int seconds) {
        return new S3TablesDestinationDescription(
                seconds, tables.deadLetterQueueS3Configuration(), tables.s3TablesConfigurationList());
    }

    private static ChannelLoggingConfiguration logging(Channels.Channel channel, UpdateChannelInput input) {
        if (input.loggingConfiguration() == null) {
            return channel.logging();
        }
        CloudWatchLogsUpdateInput change = input.loggingConfiguration().cloudWatchLogs();
        CloudWatchLogs current = channel.logging().cloudWatchLogs();
        return new ChannelLoggingConfiguration(new CloudWatchLogs(
                change.enabled(),
                change.logGroupName() != null ? change.logGroupName() : current.logGroupName(),
                change.logStreamName() != null ? change.logStreamName() : current.logStreamName()));
    }

    private static void validate(UpdateChannelInput input) {
        Validation validation = new Validation();
        Channels.validateArn(validation, input.channelArn());
        if (input.s3DestinationConfiguration() != null) {
            validation.required(
                    "s3DestinationConfiguration.dataFreshnessInSeconds",
                    input.s3DestinationConfiguration().dataFreshnessInSeconds());
        }
        if (input.s3TablesDestinationConfiguration() != null) {
            validation.required(
                    "s3TablesDestinationConfiguration.dataFreshnessInSeconds",
                    input.s3TablesDestinationConfiguration().dataFreshnessInSeconds());
        }
        if (input.loggingConfiguration() != null) {
            CloudWatchLogsUpdateInput logs = input.loggingConfiguration().cloudWatchLogs();
            if (validation.required("loggingConfiguration.cloudWatchLogs", logs)) {
                Channels.validateCloudWatchLogs(
                        validation,
                        "loggingConfiguration.cloudWatchLogs",
                        logs.enabled(),
                        logs.logGroupName(),
                        logs.logStreamName());
            }
        }
        validation.check();
    }
}
