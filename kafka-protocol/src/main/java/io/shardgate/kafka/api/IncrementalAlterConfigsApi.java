package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;

import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.store.ShardStore;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

/**
 * IncrementalAlterConfigs for topics: SET, DELETE (back to Kafka's default), and APPEND/SUBTRACT on list configs
 * ({@code cleanup.policy}), all of a resource's operations applied atomically. Broker configs are read-only.
 */
public final class IncrementalAlterConfigsApi implements KafkaApi<IncrementalAlterConfigsRequest> {

    private final ShardStore store;
    private final LimitsProfile defaultProfile;

    /** @param defaultProfile the limits profile a reset {@code shardgate.limits.profile} goes back to */
    public IncrementalAlterConfigsApi(ShardStore store, LimitsProfile defaultProfile) {
        this.store = store;
        this.defaultProfile = defaultProfile;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public CompletionStage<IncrementalAlterConfigsResponseData> handle(
            RequestContext context, IncrementalAlterConfigsRequest request) {
        List<CompletableFuture<AlterConfigsResourceResponse>> results = new ArrayList<>();
        for (AlterConfigsResource resource : request.data().resources()) {
            results.add(TopicConfigChanges.alter(
                            store,
                            defaultProfile,
                            resource.resourceType(),
                            resource.resourceName(),
                            current -> changes(current, resource),
                            request.data().validateOnly())
                    .thenApply(error -> response(resource, error))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    IncrementalAlterConfigsResponseData response =
                            new IncrementalAlterConfigsResponseData().setThrottleTimeMs(0);
                    results.forEach(result -> response.responses().add(result.join()));
                    return response;
                });
    }

    private static Map<String, Optional<String>> changes(StreamSettings current, AlterConfigsResource resource) {
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        for (AlterableConfig config : resource.configs()) {
            if (changes.containsKey(config.name())) {
                throw new InvalidRequestException("Config " + config.name() + " appears more than once.");
            }
            AlterConfigOp.OpType op = AlterConfigOp.OpType.forId(config.configOperation());
            if (op == null) {
                throw new InvalidRequestException("Unknown config operation " + config.configOperation());
            }
            switch (op) {
                case SET -> changes.put(config.name(), Optional.ofNullable(config.value()));
                case DELETE -> {
                    TopicConfigs.defaultValue(config.name()); // unknown names fail
                    changes.put(config.name(), Optional.empty());
                }
                case APPEND, SUBTRACT ->
                    changes.put(
                            config.name(),
                            Optional.of(TopicConfigs.appendOrSubtract(
                                    current, config.name(), config.value(), op == AlterConfigOp.OpType.APPEND)));
            }
        }
        return changes;
    }

    private static AlterConfigsResourceResponse response(AlterConfigsResource resource, ApiError error) {
        return new AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName())
                .setErrorCode(error.error().code())
                .setErrorMessage(error.message());
    }
}
