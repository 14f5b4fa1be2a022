package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.ChannelEncryptionConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingConfiguration;
import io.shardgate.kinesis.model.ChannelStreamConfiguration;
import io.shardgate.kinesis.model.CloudWatchLogs;
import io.shardgate.kinesis.model.CreateChannelInput;
import io.shardgate.kinesis.model.CreateChannelOutput;
import io.shardgate.kinesis.model.DeadLetterQueueS3Configuration;
import io.shardgate.kinesis.model.PartitionField;
import io.shardgate.kinesis.model.PartitionSpec;
import io.shardgate.kinesis.model.RecordConfiguration;
import io.shardgate.kinesis.model.S3DestinationConfiguration;
import io.shardgate.kinesis.model.S3DestinationDescription;
import io.shardgate.kinesis.model.S3StorageConfiguration;
import io.shardgate.kinesis.model.S3TablesConfiguration;
import io.shardgate.kinesis.model.S3TablesDestinationConfiguration;
import io.shardgate.kinesis.model.S3TablesDestinationDescription;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * CreateChannel: records a channel from one {@code ON_DEMAND} stream to a general purpose S3 bucket or to one streaming
 * table (ADR 0019), with AWS's defaults filled in (data freshness 300 s, the dead-letter queue in the destination
 * bucket, the object key template, the storage class, the log group and stream). It is {@code CREATING} for the status
 * delay, then {@code ACTIVE}. Nothing is delivered: the gateway has no S3.
 *
 * <p>Checked in this order: the constraints of the API Reference's shapes ({@code ValidationException}); the rules its
 * documentation states ({@code InvalidArgumentException}): one destination, one stream, one table, the record formats
 * each destination takes, a Glue schema for streaming tables, 300–900 s of data freshness, no {@code aws/kinesis}
 * key; then the stream: it must exist ({@code ResourceNotFoundException}), be {@code ACTIVE} or {@code UPDATING}
 * ({@code ResourceInUseException}) and {@code ON_DEMAND} ({@code ValidationException}); then, atomically with the
 * change, a free name ({@code ResourceInUseException}) and at most one channel per destination type per stream
 * ({@code LimitExceededException}, AWS's "deliveries per stream" quota).
 */
public final class CreateChannelOperation implements KinesisOperation<CreateChannelInput, CreateChannelOutput> {

    private final KinesisServices services;

    public CreateChannelOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "CreateChannel";
    }

    @Override
    public Class<CreateChannelInput> inputType() {
        return CreateChannelInput.class;
    }

    @Override
    public CompletionStage<CreateChannelOutput> execute(CreateChannelInput input, RequestContext context) {
        validate(input);
        String destination = destinationType(input);
        ChannelStreamConfiguration source = checkSource(input, destination);
        checkDestination(input);
        String streamName = Streams.name(services, null, source.streamArn());
        Stream stream = Streams.findReady(services, streamName);
        if (!"ON_DEMAND".equals(Streams.mode(stream))) {
            throw new KinesisException(
                    KinesisError.VALIDATION,
                    "Stream " + streamName + " under account " + services.accountId() + " is in "
                            + Streams.mode(stream) + " mode: channels are only supported for streams in ON_DEMAND"
                            + " mode.");
        }
        long nowMs = services.clock().millis();
        Channels.Channel channel = channel(input, UUID.randomUUID().toString(), nowMs, stream, source);
        return Channels.change(services, (live, atMs) -> {
                    KinesisException refusal = refusal(live, channel, stream);
                    if (refusal != null) {
                        return Channels.Outcome.refuse(refusal);
                    }
                    List<Channels.Channel> channels = new ArrayList<>(live);
                    channels.add(channel);
                    return Channels.Outcome.store(channels, channel);
                })
                .thenApply(created -> new CreateChannelOutput(
                        Channels.describe(services, created, services.clock().millis())));
    }

    private KinesisException refusal(List<Channels.Channel> live, Channels.Channel channel, Stream stream) {
        if (live.stream().anyMatch(other -> other.name().equals(channel.name()))) {
            return new KinesisException(
                    KinesisError.RESOURCE_IN_USE,
                    "Channel " + channel.name() + " under account " + services.accountId() + " already exists.");
        }
        if (live.stream()
                .anyMatch(
                        other -> other.reads(stream) && other.destinationType().equals(channel.destinationType()))) {
            return new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "Stream " + stream.name() + " under account " + services.accountId() + " already has a channel"
                            + " delivering to " + channel.destinationType() + ": a stream can have one channel per"
                            + " destination type.");
        }
        return null;
    }

    private Channels.Channel channel(
            CreateChannelInput input, String id, long nowMs, Stream stream, ChannelStreamConfiguration source) {
        String name = input.channelName();
        S3DestinationDescription s3 = null;
        S3TablesDestinationDescription s3Tables = null;
        if (input.s3DestinationConfiguration() != null) {
            S3DestinationConfiguration given = input.s3DestinationConfiguration();
            S3StorageConfiguration storage = given.storageConfiguration();
            DeadLetterQueueS3Configuration queue = given.deadLetterQueueS3Configuration();
            s3 = new S3DestinationDescription(
                    freshness(given.dataFreshnessInSeconds()),
                    queue != null
                            ? withPrefix(queue, name, id)
                            : new DeadLetterQueueS3Configuration(
                                    storage.bucketArn(),
                                    storage.expectedBucketOwner(),
                                    Channels.defaultErrorOutputPrefix(name, id)),
                    new S3StorageConfiguration(
                            storage.bucketArn(),
                            storage.expectedBucketOwner(),
                            storage.outputKeyTemplate() != null
                                    ? storage.outputKeyTemplate()
                                    : Channels.DEFAULT_OUTPUT_KEY_TEMPLATE,
                            storage.storageClass() != null ? storage.storageClass() : Channels.DEFAULT_STORAGE_CLASS,
                            storage.compressionType()));
        } else {
            S3TablesDestinationConfiguration given = input.s3TablesDestinationConfiguration();
            s3Tables = new S3TablesDestinationDescription(
                    freshness(given.dataFreshnessInSeconds()),
                    withPrefix(given.deadLetterQueueS3Configuration(), name, id),
                    List.copyOf(given.s3TablesConfigurationList()));
        }
        CloudWatchLogs logs = input.loggingConfiguration() == null
                ? null
                : input.loggingConfiguration().cloudWatchLogs();
        ChannelLoggingConfiguration logging = logs == null
                ? Channels.logging(name, id, false, null, null)
                : Channels.logging(name, id, logs.enabled(), logs.logGroupName(), logs.logStreamName());
        long delayMs = services.config().statusDelayMs();
        return new Channels.Channel(
                id,
                name,
                nowMs,
                nowMs + delayMs,
                null,
                null,
                input.serviceExecutionRoleArn(),
                List.of(new Channels.Source(
                        stream.name(), stream.id().toString(), stream.createdAtMs(), source.recordConfiguration())),
                s3,
                s3Tables,
                input.encryptionConfiguration(),
                logging,
                input.tags() == null ? Map.of() : Map.copyOf(input.tags()));
    }

    private static int freshness(Integer seconds) {
        return seconds == null ? Channels.DATA_FRESHNESS_DEFAULT : seconds;
    }

    private static DeadLetterQueueS3Configuration withPrefix(
            DeadLetterQueueS3Configuration queue, String name, String id) {
        return queue.errorOutputPrefix() != null
                ? queue
                : new DeadLetterQueueS3Configuration(
                        queue.bucketArn(), queue.expectedBucketOwner(), Channels.defaultErrorOutputPrefix(name, id));
    }

    // ---- the documented rules (InvalidArgumentException) ---------------------------------------------------

    /** {@code S3} or {@code S3_TABLES}: exactly one of the two destinations is given. */
    private static String destinationType(CreateChannelInput input) {
        boolean s3 = input.s3DestinationConfiguration() != null;
        boolean s3Tables = input.s3TablesDestinationConfiguration() != null;
        if (s3 == s3Tables) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be"
                            + " specified.");
        }
        return s3 ? Channels.S3 : Channels.S3_TABLES;
    }

    /** The one source stream, its record format fit for the destination. */
    private static ChannelStreamConfiguration checkSource(CreateChannelInput input, String destination) {
        if (input.streamConfigurationList().size() != 1) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "StreamConfigurationList has "
                            + input.streamConfigurationList().size() + " streams: a channel"
                            + " reads exactly one stream.");
        }
        ChannelStreamConfiguration source = input.streamConfigurationList().get(0);
        RecordConfiguration record = source.recordConfiguration();
        String format = record.recordFormatType();
        if (destination.equals(Channels.S3)) {
            if (format.equals("GSR_JSON")) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "RecordFormatType GSR_JSON is only supported for streaming table (S3_TABLES) destinations.");
            }
        } else {
            if (format.equals("STRING") || format.equals("BYTE_ARRAY")) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "RecordFormatType " + format + " is only supported for general purpose Amazon S3 (S3)"
                                + " destinations.");
            }
            if (record.gsrSchemaArn() == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "GSRSchemaARN is required when the channel destination is a streaming table.");
            }
        }
        return source;
    }

    private static void checkDestination(CreateChannelInput input) {
        if (input.s3DestinationConfiguration() != null) {
            Channels.checkDataFreshness(input.s3DestinationConfiguration().dataFreshnessInSeconds());
        } else {
            S3TablesDestinationConfiguration tables = input.s3TablesDestinationConfiguration();
            if (tables.s3TablesConfigurationList().size() != 1) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "S3TablesConfigurationList has "
                                + tables.s3TablesConfigurationList().size() + " tables: a"
                                + " channel writes exactly one table.");
            }
            Channels.checkDataFreshness(tables.dataFreshnessInSeconds());
        }
        ChannelEncryptionConfiguration encryption = input.encryptionConfiguration();
        if (encryption != null && isKinesisServiceKey(encryption.keyId())) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "KeyId " + encryption.keyId() + " is the Amazon Kinesis Data Streams service key (aws/kinesis),"
                            + " which channels cannot use: use a customer managed KMS key.");
        }
    }

    /** {@code aws/kinesis}, {@code alias/aws/kinesis} or an alias ARN ending so. */
    static boolean isKinesisServiceKey(String keyId) {
        return keyId.equals("aws/kinesis")
                || keyId.equals("alias/aws/kinesis")
                || keyId.startsWith("arn:") && keyId.endsWith(":alias/aws/kinesis");
    }

    // ---- the shapes' constraints (ValidationException) -----------------------------------------------------

    private static void validate(CreateChannelInput input) {
        Validation validation = new Validation();
        if (validation.required("channelName", input.channelName())) {
            validation.string(
                    "channelName", input.channelName(), 1, Constraints.CHANNEL_NAME_MAX, Constraints.CHANNEL_NAME);
        }
        validation.required("serviceExecutionRoleARN", input.serviceExecutionRoleArn());
        if (validation.required("streamConfigurationList", input.streamConfigurationList())) {
            List<ChannelStreamConfiguration> sources = input.streamConfigurationList();
            for (int i = 0; i < sources.size(); i++) {
                validateSource(validation, "streamConfigurationList." + (i + 1) + ".member", sources.get(i));
            }
        }
        validateS3(validation, input.s3DestinationConfiguration());
        validateS3Tables(validation, input.s3TablesDestinationConfiguration());
        ChannelEncryptionConfiguration encryption = input.encryptionConfiguration();
        if (encryption != null) {
            if (validation.required("encryptionConfiguration.encryptionType", encryption.encryptionType())) {
                validation.oneOf(
                        "encryptionConfiguration.encryptionType",
                        encryption.encryptionType(),
                        Constraints.CHANNEL_ENCRYPTION_TYPES);
            }
            if (validation.required("encryptionConfiguration.keyId", encryption.keyId())) {
                validation.string(
                        "encryptionConfiguration.keyId", encryption.keyId(), 1, Constraints.CHANNEL_KEY_ID_MAX, null);
            }
        }
        validation.size("tags", input.tags(), 1, Constraints.TAGS_MAX);
        if (input.tags() != null) {
            input.tags().forEach((key, value) -> validation
                    .string("tags.key", key, 1, Constraints.TAG_KEY_MAX, null)
                    .string("tags.value", value, 0, Constraints.TAG_VALUE_MAX, null));
        }
        if (input.loggingConfiguration() != null) {
            CloudWatchLogs logs = input.loggingConfiguration().cloudWatchLogs();
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

    private static void validateSource(Validation validation, String member, ChannelStreamConfiguration source) {
        if (!validation.required(member, source)) {
            return;
        }
        if (validation.required(member + ".streamARN", source.streamArn())) {
            validation.string(
                    member + ".streamARN", source.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        }
        RecordConfiguration record = source.recordConfiguration();
        if (validation.required(member + ".recordConfiguration", record)) {
            String format = member + ".recordConfiguration.recordFormatType";
            if (validation.required(format, record.recordFormatType())) {
                validation.oneOf(format, record.recordFormatType(), Constraints.RECORD_FORMAT_TYPES);
            }
            validation.string(
                    member + ".recordConfiguration.gSRSchemaARN",
                    record.gsrSchemaArn(),
                    1,
                    Constraints.GSR_SCHEMA_ARN_MAX,
                    Constraints.GSR_SCHEMA_ARN);
        }
    }

    private static void validateS3(Validation validation, S3DestinationConfiguration s3) {
        if (s3 == null) {
            return;
        }
        String member = "s3DestinationConfiguration";
        S3StorageConfiguration storage = s3.storageConfiguration();
        if (validation.required(member + ".storageConfiguration", storage)) {
            String prefix = member + ".storageConfiguration";
            if (validation.required(prefix + ".bucketARN", storage.bucketArn())) {
                validation.string(
                        prefix + ".bucketARN",
                        storage.bucketArn(),
                        1,
                        Constraints.BUCKET_ARN_MAX,
                        Constraints.BUCKET_ARN);
            }
            Channels.validateAccountId(validation, prefix + ".expectedBucketOwner", storage.expectedBucketOwner());
            validation
                    .string(
                            prefix + ".outputKeyTemplate",
                            storage.outputKeyTemplate(),
                            1,
                            Constraints.OUTPUT_KEY_TEMPLATE_MAX,
                            Constraints.OUTPUT_KEY_TEMPLATE)
                    .oneOf(prefix + ".storageClass", storage.storageClass(), Constraints.S3_STORAGE_CLASSES);
            if (validation.required(prefix + ".compressionType", storage.compressionType())) {
                validation.oneOf(
                        prefix + ".compressionType", storage.compressionType(), Constraints.S3_COMPRESSION_TYPES);
            }
        }
        Channels.validateDeadLetterQueue(
                validation, member + ".deadLetterQueueS3Configuration", s3.deadLetterQueueS3Configuration());
    }

    private static void validateS3Tables(Validation validation, S3TablesDestinationConfiguration tables) {
        if (tables == null) {
            return;
        }
        String member = "s3TablesDestinationConfiguration";
        if (validation.required(member + ".deadLetterQueueS3Configuration", tables.deadLetterQueueS3Configuration())) {
            Channels.validateDeadLetterQueue(
                    validation, member + ".deadLetterQueueS3Configuration", tables.deadLetterQueueS3Configuration());
        }
        List<S3TablesConfiguration> list = tables.s3TablesConfigurationList();
        if (validation.required(member + ".s3TablesConfigurationList", list)) {
            validation.size(member + ".s3TablesConfigurationList", list, 1, Constraints.CHANNEL_LIST_MAX);
            for (int i = 0; i < list.size(); i++) {
                validateTable(validation, member + ".s3TablesConfigurationList." + (i + 1) + ".member", list.get(i));
            }
        }
    }

    private static void validateTable(Validation validation, String member, S3TablesConfiguration table) {
        if (!validation.required(member, table)) {
            return;
        }
        if (validation.required(member + ".tableBucketARN", table.tableBucketArn())) {
            validation.string(
                    member + ".tableBucketARN",
                    table.tableBucketArn(),
                    1,
                    Constraints.TABLE_BUCKET_ARN_MAX,
                    Constraints.TABLE_BUCKET_ARN);
        }
        if (validation.required(member + ".namespace", table.namespace())) {
            validation.string(
                    member + ".namespace",
                    table.namespace(),
                    1,
                    Constraints.TABLE_IDENTIFIER_MAX,
                    Constraints.TABLE_IDENTIFIER);
        }
        if (validation.required(member + ".tableName", table.tableName())) {
            validation.string(
                    member + ".tableName",
                    table.tableName(),
                    1,
                    Constraints.TABLE_IDENTIFIER_MAX,
                    Constraints.TABLE_IDENTIFIER);
        }
        if (validation.required(member + ".compressionType", table.compressionType())) {
            validation.oneOf(
                    member + ".compressionType", table.compressionType(), Constraints.S3_TABLES_COMPRESSION_TYPES);
        }
        PartitionSpec spec = table.partitionSpec();
        if (spec != null) {
            List<PartitionField> fields = spec.partitionFields();
            String fieldsMember = member + ".partitionSpec.partitionFields";
            if (validation.required(fieldsMember, fields)) {
                validation.size(fieldsMember, fields, 1, Constraints.PARTITION_FIELDS_MAX);
                for (int i = 0; i < fields.size(); i++) {
                    String field = fieldsMember + "." + (i + 1) + ".member";
                    PartitionField partitionField = fields.get(i);
                    if (!validation.required(field, partitionField)) {
                        continue;
                    }
                    if (validation.required(field + ".transform", partitionField.transform())) {
                        validation.oneOf(
                                field + ".transform", partitionField.transform(), Constraints.PARTITION_TRANSFORMS);
                    }
                    if (validation.required(field + ".sourceName", partitionField.sourceName())) {
                        validation.string(
                                field + ".sourceName",
                                partitionField.sourceName(),
                                1,
                                Constraints.PARTITION_SOURCE_NAME_MAX,
                                Constraints.PARTITION_SOURCE_NAME);
                    }
                }
            }
        }
    }
}
