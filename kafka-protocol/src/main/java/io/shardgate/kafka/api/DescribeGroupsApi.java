package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeGroupsRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.group.GroupState;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.store.ShardStore;

/**
 * DescribeGroups v0–6: a group's state, protocol and members (with their metadata and assignment while Stable), as
 * the {@link GroupCoordinator} holds them; a group that only has committed offsets is Empty with no protocol type.
 * An unknown group is Dead, with {@code GROUP_ID_NOT_FOUND} from v6. Authorized operations are not reported yet
 * (security issue).
 */
public final class DescribeGroupsApi implements KafkaApi<DescribeGroupsRequest> {

    private final GroupCoordinator coordinator;
    private final ShardStore store;

    public DescribeGroupsApi(GroupCoordinator coordinator, ShardStore store) {
        this.coordinator = coordinator;
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletionStage<DescribeGroupsResponseData> handle(RequestContext context, DescribeGroupsRequest request) {
        List<CompletableFuture<DescribedGroup>> groups = new ArrayList<>();
        for (String groupId : request.data().groups()) {
            groups.add(describe(groupId, context.apiVersion()));
        }
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            DescribeGroupsResponseData response = new DescribeGroupsResponseData().setThrottleTimeMs(0);
            groups.forEach(group -> response.groups().add(group.join()));
            return response;
        });
    }

    private CompletableFuture<DescribedGroup> describe(String groupId, short version) {
        if (!GroupIds.valid(groupId)) {
            return CompletableFuture.completedFuture(
                    new DescribedGroup().setGroupId(groupId).setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return coordinator.describe(groupId).thenCompose(described -> {
            if (described.isPresent()) {
                return CompletableFuture.completedFuture(described.get());
            }
            return store.positions(groupId)
                    .thenApply(positions -> positions.isEmpty()
                            ? notFound(groupId, version)
                            : new DescribedGroup()
                                    .setGroupId(groupId)
                                    .setGroupState(GroupState.EMPTY.kafkaName())
                                    .setProtocolType("")
                                    .setProtocolData(""));
        });
    }

    private static DescribedGroup notFound(String groupId, short version) {
        DescribedGroup group = new DescribedGroup()
                .setGroupId(groupId)
                .setGroupState(GroupState.DEAD.kafkaName())
                .setProtocolType("")
                .setProtocolData("");
        if (version >= 6) {
            group.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage("Group " + groupId + " not found.");
        }
        return group;
    }
}
