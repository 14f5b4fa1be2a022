package io.shardgate.kafka.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

/** What AlterConfigs and IncrementalAlterConfigs share: one resource's change, validated, then applied atomically. */
final class TopicConfigChanges {

    private TopicConfigChanges() {}

    /**
     * Applies the changes {@code changes} computes from the current settings to the topic (or only validates
     * them), completing with the outcome as an error ({@link Errors#NONE} on success).
     */
    static CompletionStage<ApiError> alter(
            ShardStore store,
            LimitsProfile defaultProfile,
            byte resourceType,
            String resourceName,
            Function<StreamSettings, Map<String, Optional<String>>> changes,
            boolean validateOnly) {
        ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
        if (type == ConfigResource.Type.BROKER) {
            return done(new ApiError(
                    Errors.INVALID_REQUEST,
                    "Broker configs are read-only here: set them in the gateway's configuration."));
        }
        if (type != ConfigResource.Type.TOPIC) {
            return done(new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type " + type));
        }
        Optional<Stream> stream = store.stream(resourceName);
        if (stream.isEmpty()) {
            return done(
                    new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + resourceName + "' does not exist."));
        }
        StreamOrigin origin = stream.get().origin();
        try {
            StreamSettings current = stream.get().settings();
            TopicConfigs.checkOrigin(origin, TopicConfigs.apply(current, changes.apply(current), defaultProfile));
        } catch (RuntimeException e) {
            return done(KafkaErrors.apiError(e));
        }
        if (validateOnly) {
            return done(ApiError.NONE);
        }
        return store.alterStream(
                        resourceName,
                        settings -> TopicConfigs.checkOrigin(
                                origin, TopicConfigs.apply(settings, changes.apply(settings), defaultProfile)))
                .handle((altered, failure) -> failure == null ? ApiError.NONE : KafkaErrors.apiError(failure));
    }

    private static CompletionStage<ApiError> done(ApiError error) {
        return CompletableFuture.completedFuture(error);
    }
}
