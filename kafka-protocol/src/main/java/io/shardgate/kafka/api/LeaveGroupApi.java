package io.shardgate.kafka.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;

/**
 * LeaveGroup v0–5, served by the {@link GroupCoordinator}: one member (v0–2) or a batch of members, static ones by
 * instance id alone (v3+), each with its own result (all {@code UNKNOWN_MEMBER_ID} for an unknown group); before v3
 * the member's error is the response's.
 */
public final class LeaveGroupApi implements KafkaApi<LeaveGroupRequest> {

    private final GroupCoordinator coordinator;

    public LeaveGroupApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.LEAVE_GROUP;
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
    public CompletionStage<LeaveGroupResponseData> handle(RequestContext context, LeaveGroupRequest request) {
        short version = context.apiVersion();
        if (!GroupIds.valid(request.data().groupId())) {
            return CompletableFuture.completedFuture(response(List.of(), Errors.INVALID_GROUP_ID, version));
        }
        return coordinator
                .leaveGroup(request.data().groupId(), request.members())
                .thenApply(members -> response(members.orElseGet(() -> unknown(request)), Errors.NONE, version));
    }

    /** An unknown group: every member is unknown, as Kafka answers. */
    private static List<MemberResponse> unknown(LeaveGroupRequest request) {
        return request.members().stream()
                .map(member -> new MemberResponse()
                        .setMemberId(member.memberId())
                        .setGroupInstanceId(member.groupInstanceId())
                        .setErrorCode(Errors.UNKNOWN_MEMBER_ID.code()))
                .toList();
    }

    private static LeaveGroupResponseData response(List<MemberResponse> members, Errors error, short version) {
        return new LeaveGroupResponse(members, error, 0, version).data();
    }
}
