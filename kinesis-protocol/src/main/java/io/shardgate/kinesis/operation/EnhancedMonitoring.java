package io.shardgate.kinesis.operation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EnhancedMonitoringOutput;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * What EnableEnhancedMonitoring and DisableEnhancedMonitoring share: the set of shard-level metrics ({@code ALL}
 * standing for the seven) kept in the stream's configs and shown by DescribeStream and DescribeStreamSummary. The
 * setting is recorded only: no CloudWatch metrics are published. Applied at once, so the response's desired metrics
 * are the stream's metrics afterwards.
 */
final class EnhancedMonitoring {

    /** {@code MetricsNameList}: 1–7 names. */
    static final int METRICS_MAX = 7;

    private EnhancedMonitoring() {}

    static CompletionStage<EnhancedMonitoringOutput> change(
            KinesisServices services, String streamName, List<String> metrics, String streamArn, boolean enable) {
        Validation validation = new Validation();
        if (validation.required("shardLevelMetrics", metrics)) {
            validation.size("shardLevelMetrics", metrics, 1, METRICS_MAX);
            for (int i = 0; i < metrics.size(); i++) {
                String member = "shardLevelMetrics." + (i + 1) + ".member";
                if (validation.required(member, metrics.get(i))) {
                    validation.oneOf(member, metrics.get(i), StreamConfigs.METRIC_NAMES);
                }
            }
        }
        Streams.validate(validation, streamName, streamArn);
        validation.check();

        String name = Streams.name(services, streamName, streamArn);
        Stream stream = Streams.find(services, name);
        Resharding.requireActive(services, stream);
        List<String> current = StreamConfigs.metrics(stream);
        Set<String> given = metrics.contains("ALL") ? Set.copyOf(StreamConfigs.METRICS) : Set.copyOf(metrics);
        Set<String> desired = new LinkedHashSet<>();
        for (String metric : StreamConfigs.METRICS) {
            if (enable
                    ? current.contains(metric) || given.contains(metric)
                    : current.contains(metric) && !given.contains(metric)) {
                desired.add(metric);
            }
        }
        String value = String.join(",", desired);
        return StreamConfigs.alter(
                services,
                name,
                configs -> {
                    if (value.isEmpty()) {
                        configs.remove(StreamConfigs.SHARD_LEVEL_METRICS);
                    } else {
                        configs.put(StreamConfigs.SHARD_LEVEL_METRICS, value);
                    }
                },
                new EnhancedMonitoringOutput(
                        name, current, List.copyOf(desired), services.arns().arn(name)));
    }
}
