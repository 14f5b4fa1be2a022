package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.SyncGroupRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;

/** SyncGroup v0–5, served by the {@link GroupCoordinator}: followers wait for the leader's assignment. */
public final class SyncGroupApi implements KafkaApi<SyncGroupRequest> {

    private final GroupCoordinator coordinator;

    public SyncGroupApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletionStage<SyncGroupResponseData> handle(RequestContext context, SyncGroupRequest request) {
        if (!GroupIds.valid(request.data().groupId())) {
            return CompletableFuture.completedFuture(
                    new SyncGroupResponseData().setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        if (context.apiVersion() >= 5 && !request.areMandatoryProtocolTypeAndNamePresent()) {
            return CompletableFuture.completedFuture(
                    new SyncGroupResponseData().setErrorCode(Errors.INCONSISTENT_GROUP_PROTOCOL.code()));
        }
        return coordinator.syncGroup(request.data()).thenApply(response -> response.setThrottleTimeMs(0));
    }
}
