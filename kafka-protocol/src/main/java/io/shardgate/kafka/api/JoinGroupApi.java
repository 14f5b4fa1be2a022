package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;

/**
 * JoinGroup v0–9, served by the {@link GroupCoordinator}: the response waits for the rebalance's join phase.
 * Version 0 uses the session timeout as the rebalance timeout, as kafka-clients parses it.
 */
public final class JoinGroupApi implements KafkaApi<JoinGroupRequest> {

    private final GroupCoordinator coordinator;

    public JoinGroupApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public CompletionStage<JoinGroupResponseData> handle(RequestContext context, JoinGroupRequest request) {
        short version = context.apiVersion();
        if (!GroupIds.valid(request.data().groupId())) {
            return CompletableFuture.completedFuture(normalized(
                    new JoinGroupResponseData()
                            .setMemberId(request.data().memberId())
                            .setErrorCode(Errors.INVALID_GROUP_ID.code()),
                    version));
        }
        return coordinator
                .joinGroup(request.data(), context.clientId(), context.clientHost(), version)
                .thenApply(response -> normalized(response, version));
    }

    /** kafka-clients' own adjustments for old versions (a non-null protocol name before v7). */
    private static JoinGroupResponseData normalized(JoinGroupResponseData data, short version) {
        return new JoinGroupResponse(data.setThrottleTimeMs(0), version).data();
    }
}
