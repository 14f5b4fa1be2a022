package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.ApiError;

import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.store.ShardStore;
import io.shardgate.store.limits.LimitsProfile;

/**
 * AlterConfigs (the legacy, whole-set form) for topics: the given configs are set and every other one returns to
 * Kafka's default, atomically. Broker configs are read-only.
 */
public final class AlterConfigsApi implements KafkaApi<AlterConfigsRequest> {

    private final ShardStore store;
    private final LimitsProfile defaultProfile;

    /** @param defaultProfile the limits profile a reset {@code shardgate.limits.profile} goes back to */
    public AlterConfigsApi(ShardStore store, LimitsProfile defaultProfile) {
        this.store = store;
        this.defaultProfile = defaultProfile;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletionStage<AlterConfigsResponseData> handle(RequestContext context, AlterConfigsRequest request) {
        List<CompletableFuture<AlterConfigsResourceResponse>> results = new ArrayList<>();
        for (AlterConfigsResource resource : request.data().resources()) {
            Map<String, Optional<String>> changes = new LinkedHashMap<>();
            for (String name : TopicConfigs.names()) {
                changes.put(name, Optional.empty());
            }
            for (AlterableConfig config : resource.configs()) {
                changes.put(config.name(), Optional.ofNullable(config.value()));
            }
            results.add(TopicConfigChanges.alter(
                            store,
                            defaultProfile,
                            resource.resourceType(),
                            resource.resourceName(),
                            current -> changes,
                            request.data().validateOnly())
                    .thenApply(error -> response(resource, error))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    AlterConfigsResponseData response = new AlterConfigsResponseData().setThrottleTimeMs(0);
                    results.forEach(result -> response.responses().add(result.join()));
                    return response;
                });
    }

    private static AlterConfigsResourceResponse response(AlterConfigsResource resource, ApiError error) {
        return new AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName())
                .setErrorCode(error.error().code())
                .setErrorMessage(error.message());
    }
}
