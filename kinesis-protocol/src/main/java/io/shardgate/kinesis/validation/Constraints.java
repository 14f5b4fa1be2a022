package io.shardgate.kinesis.validation;

import java.util.List;
import java.util.regex.Pattern;

/** The constraints of service-2.json that more than one operation uses, as named constants. */
public final class Constraints {

    /** {@code StreamName}: 1–128 characters. */
    public static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int STREAM_NAME_MAX = 128;

    /** {@code StreamARN}: 1–2048 characters. */
    public static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");

    public static final int STREAM_ARN_MAX = 2048;

    /** {@code ConsumerName}: 1–128 characters. */
    public static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int CONSUMER_NAME_MAX = 128;

    /** {@code ConsumerARN}: 1–2048 characters. */
    public static final Pattern CONSUMER_ARN = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");

    public static final int CONSUMER_ARN_MAX = 2048;

    /** {@code ListStreamConsumersInputLimit} (MaxResults): 1–10000. */
    public static final int LIST_CONSUMERS_MAX = 10_000;

    /** {@code ShardId}: 1–128 characters. */
    public static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int SHARD_ID_MAX = 128;

    /** {@code HashKey} and {@code ExplicitHashKey}. */
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");

    /** {@code SequenceNumber}. */
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");

    /** {@code PartitionKey}: 1–256 Unicode characters. */
    public static final int PARTITION_KEY_MAX = 256;

    /**
     * {@code Data}: at most 10 MiB before base64, the spec's bound. A stream takes records up to its own maximum record
     * size ({@link #MAX_RECORD_SIZE_KIB_MIN}–{@link #MAX_RECORD_SIZE_KIB_MAX} KiB, 1 MiB by default), ADR 0015.
     */
    public static final int DATA_MAX_BYTES = 10 * 1024 * 1024;

    /** {@code MaxRecordSizeInKiB}: 1024–10240 KiB (1–10 MiB). */
    public static final int MAX_RECORD_SIZE_KIB_MIN = 1024;

    public static final int MAX_RECORD_SIZE_KIB_MAX = 10240;

    /** {@code ShardIterator}: 1–512 characters. */
    public static final int SHARD_ITERATOR_MAX = 512;

    /** {@code NextToken}: 1–1048576 characters. */
    public static final int NEXT_TOKEN_MAX = 1_048_576;

    /** {@code PositiveIntegerObject} (ShardCount): 1–100000. */
    public static final int SHARD_COUNT_MAX = 100_000;

    /** {@code PutRecordsRequestEntryList}: 1–500 records. */
    public static final int PUT_RECORDS_MAX = 500;

    /**
     * The most a PutRecords call may carry in data and partition keys: 10 MiB since AWS raised it from 5 MiB with
     * large records (ADR 0015).
     */
    public static final int PUT_RECORDS_MAX_BYTES = 10 * 1024 * 1024;

    /** {@code GetRecordsInputLimit}, {@code DescribeStreamInputLimit}, {@code ListStreamsInputLimit}. */
    public static final int LIMIT_MAX = 10_000;

    /** {@code ListShardsInputLimit} (MaxResults). */
    public static final int MAX_RESULTS_MAX = 10_000;

    /** {@code TagMap}: at most 50 tags. */
    public static final int TAGS_MAX = 50;

    /** {@code TagKey}: 1–128 characters. */
    public static final int TAG_KEY_MAX = 128;

    /** {@code TagValue}: 0–256 characters. */
    public static final int TAG_VALUE_MAX = 256;

    public static final List<String> STREAM_MODES = List.of("PROVISIONED", "ON_DEMAND");

    /** {@code NaturalIntegerObject} (WarmThroughputMiBps): at least 0, no maximum in the spec. */
    public static final int NATURAL_INTEGER_MIN = 0;

    /** {@code MinimumThroughputBillingCommitmentInputStatus}. */
    public static final List<String> COMMITMENT_INPUT_STATUSES = List.of("ENABLED", "DISABLED");

    public static final List<String> SHARD_ITERATOR_TYPES =
            List.of("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");

    public static final List<String> SHARD_FILTER_TYPES = List.of(
            "AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");

    // ---- channels (the API Reference's channel shapes, 2026) -------------------------------------------------

    /** {@code ChannelName}: 1–128 characters. */
    public static final Pattern CHANNEL_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    public static final int CHANNEL_NAME_MAX = 128;

    /** {@code ChannelARN}: 1–2048 characters. */
    public static final Pattern CHANNEL_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+");

    public static final int CHANNEL_ARN_MAX = 2048;

    /** {@code BucketARN} of {@code S3StorageConfiguration} and {@code DeadLetterQueueS3Configuration}: 1–2048. */
    public static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}");

    public static final int BUCKET_ARN_MAX = 2048;

    /** {@code ExpectedBucketOwner}: an account id, exactly 12 digits. */
    public static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public static final int ACCOUNT_ID_LENGTH = 12;

    /** {@code OutputKeyTemplate}: 1–1024 characters. */
    public static final Pattern OUTPUT_KEY_TEMPLATE = Pattern.compile("[0-9A-Za-z!\\-_'.*()\\/=:{}]+");

    public static final int OUTPUT_KEY_TEMPLATE_MAX = 1024;

    /** {@code ErrorOutputPrefix}: 1–512 characters. */
    public static final Pattern ERROR_OUTPUT_PREFIX = Pattern.compile("[0-9A-Za-z!\\-_'.*()\\/]+");

    public static final int ERROR_OUTPUT_PREFIX_MAX = 512;

    /** {@code TableBucketARN}: 1–2048 characters. */
    public static final Pattern TABLE_BUCKET_ARN =
            Pattern.compile("arn:aws[-a-z0-9]*:s3tables:[-a-z0-9]+:\\d{12}:bucket/[a-z0-9_-]{3,63}");

    public static final int TABLE_BUCKET_ARN_MAX = 2048;

    /** {@code Namespace} and {@code TableName} of a streaming table: 1–255 characters. */
    public static final Pattern TABLE_IDENTIFIER = Pattern.compile("[0-9a-z_]+");

    public static final int TABLE_IDENTIFIER_MAX = 255;

    /** {@code PartitionField.SourceName}: 1–255 characters. */
    public static final Pattern PARTITION_SOURCE_NAME = Pattern.compile("[a-zA-Z0-9\\.\\_]+");

    public static final int PARTITION_SOURCE_NAME_MAX = 255;

    /** {@code PartitionSpec.PartitionFields}: 1–10 fields. */
    public static final int PARTITION_FIELDS_MAX = 10;

    /** {@code S3TablesConfigurationList} and {@code StreamFilter} (ListChannels): 1–10000 members. */
    public static final int CHANNEL_LIST_MAX = 10_000;

    /** {@code GSRSchemaARN}: 1–512 characters. */
    public static final Pattern GSR_SCHEMA_ARN =
            Pattern.compile("arn:aws[-a-z0-9]*:glue:[-a-z0-9]+:\\d{12}:schema/[-a-zA-Z0-9_$#.]+/[-a-zA-Z0-9_$#.]+");

    public static final int GSR_SCHEMA_ARN_MAX = 512;

    /** {@code KeyId} of {@code ChannelEncryptionConfiguration}: 1–2048 characters. */
    public static final int CHANNEL_KEY_ID_MAX = 2048;

    /** {@code LogGroupName}: 1–512 characters. */
    public static final Pattern LOG_GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");

    /** {@code LogStreamName}: 1–512 characters. */
    public static final Pattern LOG_STREAM_NAME = Pattern.compile("[^:*]*");

    public static final int LOG_NAME_MAX = 512;

    /** {@code ListChannelsInput.MaxResults}: 1–10000. */
    public static final int LIST_CHANNELS_MAX = 10_000;

    public static final List<String> RECORD_FORMAT_TYPES = List.of("GSR_JSON", "JSON", "STRING", "BYTE_ARRAY");

    public static final List<String> S3_COMPRESSION_TYPES = List.of("NONE", "GZIP", "ZSTD");

    public static final List<String> S3_TABLES_COMPRESSION_TYPES = List.of("NONE", "ZSTD", "SNAPPY");

    public static final List<String> S3_STORAGE_CLASSES = List.of("STANDARD", "INTELLIGENT_TIERING", "GLACIER_IR");

    public static final List<String> PARTITION_TRANSFORMS = List.of("TIME_HOUR");

    public static final List<String> CHANNEL_ENCRYPTION_TYPES = List.of("KMS");

    private Constraints() {}
}
