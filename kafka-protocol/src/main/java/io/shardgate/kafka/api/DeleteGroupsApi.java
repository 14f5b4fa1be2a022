package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteGroupsRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;
import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.store.ShardStore;

/**
 * DeleteGroups: an Empty group (one the coordinator knows, or one that only has committed offsets) is deleted with
 * its saved state and all its offsets, in one transaction. Kafka's answers otherwise: {@code INVALID_GROUP_ID} for
 * an empty id, {@code NON_EMPTY_GROUP} while it has members, {@code GROUP_ID_NOT_FOUND} for a group that does not
 * exist.
 */
public final class DeleteGroupsApi implements KafkaApi<DeleteGroupsRequest> {

    private final ShardStore store;
    private final GroupCoordinator coordinator;

    public DeleteGroupsApi(ShardStore store, GroupCoordinator coordinator) {
        this.store = store;
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public CompletionStage<DeleteGroupsResponseData> handle(RequestContext context, DeleteGroupsRequest request) {
        List<CompletableFuture<DeletableGroupResult>> results = new ArrayList<>();
        for (String group : request.data().groupsNames()) {
            results.add(delete(group));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    DeleteGroupsResponseData response = new DeleteGroupsResponseData().setThrottleTimeMs(0);
                    for (CompletableFuture<DeletableGroupResult> result : results) {
                        DeletableGroupResult answer = result.join();
                        if (response.results().find(answer.groupId()) == null) {
                            response.results().add(answer);
                        }
                    }
                    return response;
                });
    }

    private CompletableFuture<DeletableGroupResult> delete(String group) {
        DeletableGroupResult result = new DeletableGroupResult().setGroupId(group);
        if (!GroupIds.valid(group)) {
            return CompletableFuture.completedFuture(result.setErrorCode(Errors.INVALID_GROUP_ID.code()));
        }
        return coordinator
                .knows(group)
                .thenCombine(store.positions(group), (known, positions) -> known || !positions.isEmpty())
                .thenCompose(exists -> exists
                        ? coordinator.checkEmpty(group, true)
                        : CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND))
                .thenCompose(error -> error != Errors.NONE
                        ? CompletableFuture.completedFuture(error)
                        : store.deleteGroup(group).thenApply(deleted -> Errors.NONE))
                .handle((error, failure) -> result.setErrorCode(
                        (failure == null ? error : KafkaErrors.apiError(failure).error()).code()))
                .toCompletableFuture();
    }
}
