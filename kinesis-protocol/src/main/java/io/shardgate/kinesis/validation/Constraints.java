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

    private Constraints() {}
}
