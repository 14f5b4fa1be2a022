package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EnhancedMetrics;
import io.shardgate.store.Stream;

/**
 * The Kinesis stream settings kept as stream configs (encryption, enhanced monitoring, resource policy): their keys,
 * how they are read for DescribeStream and DescribeStreamSummary, and one atomic {@code alterStream} to change them.
 */
final class StreamConfigs {

    /** {@code KMS} or absent ({@code NONE}). */
    static final String ENCRYPTION_TYPE = "kinesis.encryptionType";

    /** The KMS key id given to StartStreamEncryption, kept as given. */
    static final String KEY_ID = "kinesis.keyId";

    /** The enabled shard-level metrics, comma-separated, in {@link #METRICS} order. */
    static final String SHARD_LEVEL_METRICS = "kinesis.shardLevelMetrics";

    /** The resource policy of the stream, the JSON text as given. */
    static final String RESOURCE_POLICY = "kinesis.resourcePolicy";

    /** {@code MetricsName} without {@code ALL}, in the spec's order. */
    static final List<String> METRICS = List.of(
            "IncomingBytes",
            "IncomingRecords",
            "OutgoingBytes",
            "OutgoingRecords",
            "WriteProvisionedThroughputExceeded",
            "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds");

    /** {@code MetricsName}: the metrics and {@code ALL}. */
    static final List<String> METRIC_NAMES;

    static {
        List<String> names = new ArrayList<>(METRICS);
        names.add("ALL");
        METRIC_NAMES = List.copyOf(names);
    }

    private StreamConfigs() {}

    /** {@code KMS} or {@code NONE}. */
    static String encryptionType(Stream stream) {
        return stream.settings().configs().getOrDefault(ENCRYPTION_TYPE, "NONE");
    }

    /** The KMS key id while the stream is encrypted, else null. */
    static String keyId(Stream stream) {
        return stream.settings().configs().get(KEY_ID);
    }

    /** The enabled shard-level metrics, in {@link #METRICS} order. */
    static List<String> metrics(Stream stream) {
        String value = stream.settings().configs().get(SHARD_LEVEL_METRICS);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return List.copyOf(Arrays.asList(value.split(",")));
    }

    /** {@code EnhancedMonitoring} as DescribeStream and DescribeStreamSummary show it: one entry. */
    static List<EnhancedMetrics> enhancedMonitoring(Stream stream) {
        return List.of(new EnhancedMetrics(metrics(stream)));
    }

    /** Changes the stream's configs in one atomic {@code alterStream}; answers {@code result} once it is durable. */
    static <T> CompletionStage<T> alter(
            KinesisServices services, String name, Consumer<Map<String, String>> change, T result) {
        return services.store()
                .alterStream(name, settings -> {
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    change.accept(configs);
                    return settings.withConfigs(configs);
                })
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    return result;
                });
    }
}
