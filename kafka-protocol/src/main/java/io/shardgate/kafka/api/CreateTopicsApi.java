package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.NewStream;
import io.shardgate.store.ShardStore;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

/**
 * CreateTopics: each topic becomes a Kafka-origin stream whose shards split the hash-key space uniformly (DESIGN.md
 * D4). Replication factor -1 or 1 only; explicit replica assignments are refused; topic configs start from Kafka's
 * defaults and apply what the request gives ({@link TopicConfigs}; unknown or malformed ones: {@code INVALID_CONFIG}).
 */
public final class CreateTopicsApi implements KafkaApi<CreateTopicsRequest> {

    /** Kafka's controller refuses a request adding more partitions than this (one metadata batch). */
    public static final int MAX_PARTITIONS_PER_REQUEST = 10_000;

    /** The first version whose response carries the topic's configs. */
    private static final short CONFIGS_IN_RESPONSE_VERSION = 5;

    private final ShardStore store;
    private final int defaultPartitions;
    private final LimitsProfile defaultProfile;

    /**
     * @param defaultPartitions partitions of a topic created with {@code numPartitions = -1} ({@code num.partitions})
     * @param defaultProfile the limits profile of a topic that does not set {@code shardgate.limits.profile}
     */
    public CreateTopicsApi(ShardStore store, int defaultPartitions, LimitsProfile defaultProfile) {
        this.store = store;
        this.defaultPartitions = defaultPartitions;
        this.defaultProfile = defaultProfile;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public CompletionStage<CreateTopicsResponseData> handle(RequestContext context, CreateTopicsRequest request) {
        boolean validateOnly = request.data().validateOnly();
        if (totalPartitions(request) > MAX_PARTITIONS_PER_REQUEST) {
            // As Kafka's ReplicationControlManager.validateTotalNumberOfPartitions: every topic fails, nothing is built
            return CompletableFuture.failedFuture(
                    new PolicyViolationException("Excessively large number of partitions per request."));
        }
        List<CompletableFuture<CreatableTopicResult>> results = new ArrayList<>();
        for (CreatableTopic topic : request.data().topics()) {
            results.add(create(topic, validateOnly, context.apiVersion()).toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    CreateTopicsResponseData response = new CreateTopicsResponseData().setThrottleTimeMs(0);
                    for (CompletableFuture<CreatableTopicResult> result : results) {
                        response.topics().add(result.join());
                    }
                    return response;
                });
    }

    private CompletionStage<CreatableTopicResult> create(CreatableTopic topic, boolean validateOnly, short version) {
        int partitions = topic.numPartitions() == -1 ? defaultPartitions : topic.numPartitions();
        CreatableTopicResult result = new CreatableTopicResult()
                .setName(topic.name())
                .setNumPartitions(partitions)
                .setReplicationFactor((short) 1)
                .setConfigs(List.of());
        ApiError invalid = validate(topic, partitions);
        if (invalid != null) {
            return CompletableFuture.completedFuture(failed(result, invalid));
        }
        StreamSettings settings;
        try {
            Map<String, String> configs = new LinkedHashMap<>();
            topic.configs().forEach(config -> configs.put(config.name(), config.value()));
            settings = TopicConfigs.forNewTopic(configs, defaultProfile);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(result, KafkaErrors.apiError(e)));
        }
        if (version >= CONFIGS_IN_RESPONSE_VERSION) {
            result.setConfigs(configs(settings));
        }
        if (validateOnly) {
            return CompletableFuture.completedFuture(store.stream(topic.name())
                    .map(existing -> failed(
                            result,
                            new ApiError(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + topic.name() + "' already exists.")))
                    .orElse(result.setErrorCode(Errors.NONE.code())));
        }
        NewStream spec = NewStream.uniform(topic.name(), StreamOrigin.KAFKA, settings, partitions);
        return store.createStream(spec)
                .thenApply(stream ->
                        result.setTopicId(TopicMapping.topicId(stream)).setErrorCode(Errors.NONE.code()))
                .exceptionally(failure -> failed(result, KafkaErrors.apiError(failure)));
    }

    private static List<CreatableTopicConfigs> configs(StreamSettings settings) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (TopicConfigs.Value value : TopicConfigs.describe(settings)) {
            configs.add(new CreatableTopicConfigs()
                    .setName(value.name())
                    .setValue(value.value())
                    .setReadOnly(false)
                    .setConfigSource(
                            value.isDefault() ? ConfigSource.DEFAULT_CONFIG.id() : ConfigSource.TOPIC_CONFIG.id())
                    .setIsSensitive(false));
        }
        return configs;
    }

    private long totalPartitions(CreateTopicsRequest request) {
        long total = 0;
        for (CreatableTopic topic : request.data().topics()) {
            if (!topic.assignments().isEmpty()) {
                total += topic.assignments().size();
            } else if (topic.numPartitions() == -1) {
                total += defaultPartitions;
            } else if (topic.numPartitions() > 0) {
                total += topic.numPartitions();
            }
        }
        return total;
    }

    private static ApiError validate(CreatableTopic topic, int partitions) {
        try {
            Topic.validate(topic.name());
        } catch (RuntimeException e) {
            return new ApiError(Errors.INVALID_TOPIC_EXCEPTION, e.getMessage());
        }
        if (partitions < 1) {
            return new ApiError(Errors.INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
        }
        if (topic.replicationFactor() != -1 && topic.replicationFactor() != 1) {
            return new ApiError(
                    Errors.INVALID_REPLICATION_FACTOR,
                    "Unable to replicate the partition " + topic.replicationFactor()
                            + " time(s): this gateway has 1 broker.");
        }
        if (!topic.assignments().isEmpty()) {
            return new ApiError(Errors.INVALID_REQUEST, "Replica assignments are not supported.");
        }
        return null;
    }

    private static CreatableTopicResult failed(CreatableTopicResult result, ApiError error) {
        return result.setErrorCode(error.error().code())
                .setErrorMessage(error.message())
                .setNumPartitions(-1)
                .setReplicationFactor((short) -1)
                .setConfigs(null);
    }
}
