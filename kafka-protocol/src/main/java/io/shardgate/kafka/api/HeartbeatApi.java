package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.HeartbeatRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;

/** Heartbeat v0–4 of the classic protocol, served by the {@link GroupCoordinator}. */
public final class HeartbeatApi implements KafkaApi<HeartbeatRequest> {

    private final GroupCoordinator coordinator;

    public HeartbeatApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.HEARTBEAT;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<HeartbeatResponseData> handle(RequestContext context, HeartbeatRequest request) {
        if (!GroupIds.valid(request.data().groupId())) {
            return CompletableFuture.completedFuture(
                    new HeartbeatResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return coordinator.heartbeat(request.data()).thenApply(error -> new HeartbeatResponseData()
                .setThrottleTimeMs(0)
                .setErrorCode(error.code()));
    }
}
