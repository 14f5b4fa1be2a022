package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

import io.shardgate.kafka.KafkaListenerConfig;
import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * DescribeConfigs for topics (every known topic config with Kafka's default unless set, see {@link TopicConfigs})
 * and for this broker (a read-only set of static broker configs with Kafka's defaults). Other resource types get
 * {@code INVALID_REQUEST}.
 */
public final class DescribeConfigsApi implements KafkaApi<DescribeConfigsRequest> {

    /** The broker configs shown, with the values this gateway behaves by (Kafka's defaults). */
    private final ShardStore store;

    private final Map<String, String> brokerConfigs = new LinkedHashMap<>();

    public DescribeConfigsApi(ShardStore store, KafkaListenerConfig settings) {
        this.store = store;
        brokerConfigs.put("auto.create.topics.enable", String.valueOf(settings.autoCreateTopics()));
        brokerConfigs.put("compression.type", TopicConfigs.defaultValue("compression.type"));
        brokerConfigs.put("connections.max.idle.ms", String.valueOf(settings.connectionsMaxIdleMs()));
        brokerConfigs.put("default.replication.factor", "1");
        brokerConfigs.put("delete.topic.enable", "true");
        brokerConfigs.put("log.cleanup.policy", TopicConfigs.defaultValue("cleanup.policy"));
        brokerConfigs.put("log.message.timestamp.type", TopicConfigs.defaultValue(TopicConfigs.TIMESTAMP_TYPE));
        brokerConfigs.put("log.retention.bytes", TopicConfigs.defaultValue("retention.bytes"));
        brokerConfigs.put("log.retention.hours", "168");
        brokerConfigs.put("log.retention.ms", null);
        brokerConfigs.put("log.segment.bytes", TopicConfigs.defaultValue(TopicConfigs.SEGMENT_BYTES));
        brokerConfigs.put("message.max.bytes", TopicConfigs.defaultValue(TopicConfigs.MAX_MESSAGE_BYTES));
        brokerConfigs.put("min.insync.replicas", TopicConfigs.defaultValue("min.insync.replicas"));
        brokerConfigs.put("num.partitions", String.valueOf(settings.defaultPartitions()));
        brokerConfigs.put("socket.request.max.bytes", String.valueOf(settings.maxRequestBytes()));
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<DescribeConfigsResponseData> handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsResponseData response = new DescribeConfigsResponseData().setThrottleTimeMs(0);
        boolean documentation = request.data().includeDocumentation();
        for (DescribeConfigsResource resource : request.data().resources()) {
            DescribeConfigsResult result = new DescribeConfigsResult()
                    .setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName())
                    .setErrorCode(Errors.NONE.code());
            response.results().add(result);
            ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
            if (type == ConfigResource.Type.TOPIC) {
                Optional<Stream> stream = store.stream(resource.resourceName());
                if (stream.isEmpty()) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                            .setErrorMessage("Topic '" + resource.resourceName() + "' does not exist.");
                    continue;
                }
                for (TopicConfigs.Value value : TopicConfigs.describe(
                        stream.get().settings(),
                        resource.configurationKeys() != null
                                && resource.configurationKeys().contains(TopicConfigs.LIMITS_PROFILE))) {
                    if (wanted(resource, value.name())) {
                        result.configs()
                                .add(new DescribeConfigsResourceResult()
                                        .setName(value.name())
                                        .setValue(value.value())
                                        .setReadOnly(false)
                                        .setConfigSource(
                                                value.isDefault()
                                                        ? ConfigSource.DEFAULT_CONFIG.id()
                                                        : ConfigSource.TOPIC_CONFIG.id())
                                        .setIsSensitive(false)
                                        .setConfigType(TopicConfigs.configType(value.name()))
                                        .setDocumentation(documentation ? "" : null));
                    }
                }
            } else if (type == ConfigResource.Type.BROKER
                    && (resource.resourceName().isEmpty()
                            || resource.resourceName()
                                    .equals(String.valueOf(context.node().nodeId())))) {
                List<DescribeConfigsResourceResult> configs = new ArrayList<>();
                brokerConfigs.forEach((name, value) -> {
                    if (wanted(resource, name)) {
                        configs.add(new DescribeConfigsResourceResult()
                                .setName(name)
                                .setValue(value)
                                .setReadOnly(true)
                                .setConfigSource(ConfigSource.DEFAULT_CONFIG.id())
                                .setIsSensitive(false)
                                .setConfigType(ConfigType.UNKNOWN.id())
                                .setDocumentation(documentation ? "" : null));
                    }
                });
                result.setConfigs(configs);
            } else {
                result.setErrorCode(Errors.INVALID_REQUEST.code())
                        .setErrorMessage("Unsupported resource " + type + " '" + resource.resourceName() + "'");
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private static boolean wanted(DescribeConfigsResource resource, String name) {
        return resource.configurationKeys() == null
                || resource.configurationKeys().isEmpty()
                || resource.configurationKeys().contains(name);
    }
}
