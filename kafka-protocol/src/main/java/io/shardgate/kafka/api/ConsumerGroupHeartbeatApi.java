package io.shardgate.kafka.api;

import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.kafka.mapping.KafkaErrors;

/**
 * ConsumerGroupHeartbeat v0–1 (KIP-848, {@code group.protocol=consumer}), served by the {@link GroupCoordinator}.
 * Errors carry Kafka's messages, which kafka-clients' generic error response would drop.
 */
public final class ConsumerGroupHeartbeatApi implements KafkaApi<ConsumerGroupHeartbeatRequest> {

    private final GroupCoordinator coordinator;

    public ConsumerGroupHeartbeatApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.CONSUMER_GROUP_HEARTBEAT;
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
    public CompletionStage<ConsumerGroupHeartbeatResponseData> handle(
            RequestContext context, ConsumerGroupHeartbeatRequest request) {
        String groupId = request.data().groupId();
        if (groupId != null && !groupId.trim().isEmpty() && !GroupIds.valid(groupId)) {
            return java.util.concurrent.CompletableFuture.completedFuture(new ConsumerGroupHeartbeatResponseData()
                    .setErrorCode(Errors.INVALID_GROUP_ID.code())
                    .setErrorMessage(Errors.INVALID_GROUP_ID.message()));
        }
        return coordinator
                .consumerGroupHeartbeat(request.data(), context.clientId(), context.clientHost(), context.apiVersion())
                .handle((response, failure) -> {
                    if (failure == null) {
                        return response;
                    }
                    ApiException error = KafkaErrors.apiException(failure);
                    return new ConsumerGroupHeartbeatResponseData()
                            .setErrorCode(Errors.forException(error).code())
                            .setErrorMessage(error.getMessage());
                });
    }
}
