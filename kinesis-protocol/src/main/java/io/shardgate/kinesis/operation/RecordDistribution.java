package io.shardgate.kinesis.operation;

import java.util.List;
import java.util.Map;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.Stream;

/**
 * A stream's record distribution strategy (ADR 0020), kept in its configs: {@code USER_PARTITION_KEY} (absent, the
 * default: a record goes to the open shard whose range holds the MD5 of its partition key or its {@code
 * ExplicitHashKey}) or {@code AUTO} (partition keys optional and ignored, as is {@code ExplicitHashKey}; records are
 * spread over the open shards). AWS supports the setting on {@code ON_DEMAND} streams only: {@code AUTO} on a
 * provisioned stream is an {@code InvalidArgumentException}. DescribeStreamSummary shows the strategy of every stream:
 * AWS documents it for on-demand streams, but the KPL 1.1 asks for it on every stream and warns when it is missing.
 */
final class RecordDistribution {

    /** The stream config holding the strategy; absent means {@value #USER_PARTITION_KEY}. */
    static final String CONFIG = "kinesis.recordDistributionStrategy";

    static final String AUTO = "AUTO";
    static final String USER_PARTITION_KEY = "USER_PARTITION_KEY";

    /** {@code RecordDistributionStrategy} of the spec. */
    static final List<String> STRATEGIES = List.of(AUTO, USER_PARTITION_KEY);

    private RecordDistribution() {}

    /** Whether the stream spreads records itself, ignoring partition keys and explicit hash keys. */
    static boolean auto(Stream stream) {
        return AUTO.equals(stream.settings().configs().get(CONFIG));
    }

    /** The strategy as DescribeStreamSummary shows it. */
    static String shown(Stream stream) {
        return auto(stream) ? AUTO : USER_PARTITION_KEY;
    }

    /**
     * Whether the records of a put may leave out their partition keys: the stream named exists and is {@code AUTO}.
     * Never throws: a stream that cannot be found keeps keys required, and the lookup's own error comes later.
     */
    static boolean keysOptional(KinesisServices services, String streamName, String streamArn) {
        try {
            return services.store().stream(Streams.name(services, streamName, streamArn))
                    .map(RecordDistribution::auto)
                    .orElse(false);
        } catch (KinesisException e) {
            return false;
        }
    }

    /**
     * Refuses {@code AUTO} for a stream in {@code mode} other than {@code ON_DEMAND}.
     *
     * @throws KinesisException {@code InvalidArgumentException}
     */
    static void requireSupported(KinesisServices services, String streamName, String mode, String strategy) {
        if (AUTO.equals(strategy) && !"ON_DEMAND".equals(mode)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "The AUTO record distribution strategy is only supported for streams in ON_DEMAND mode: stream "
                            + streamName + " under account " + services.accountId() + " is in " + mode + " mode.");
        }
    }

    /**
     * Refuses to make a stream that is {@code AUTO} provisioned: provisioned streams do not support the setting, and
     * dropping it quietly would start refusing the puts of producers that send no partition key.
     *
     * @throws KinesisException {@code InvalidArgumentException}
     */
    static void requireNotAuto(KinesisServices services, Stream stream) {
        if (auto(stream)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Stream " + stream.name() + " under account " + services.accountId() + " uses the AUTO record"
                            + " distribution strategy, which only ON_DEMAND streams support: set USER_PARTITION_KEY"
                            + " with UpdateStreamRecordDistributionStrategy before switching it to PROVISIONED mode.");
        }
    }

    /** Records {@code strategy} in {@code configs}; the default is kept as an absent config. */
    static void record(Map<String, String> configs, String strategy) {
        if (AUTO.equals(strategy)) {
            configs.put(CONFIG, AUTO);
        } else {
            configs.remove(CONFIG);
        }
    }
}
