package io.shardgate.kafka.api;

import java.util.HashSet;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ListGroupsRequest;

import io.shardgate.kafka.group.GroupCoordinator;

/**
 * ListGroups v0–5: every group this node coordinates (all of them), with its protocol type, state (v4+) and type
 * (v5+), filtered by states (v4+) and types (v5+) as Kafka filters them.
 */
public final class ListGroupsApi implements KafkaApi<ListGroupsRequest> {

    private final GroupCoordinator coordinator;

    public ListGroupsApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.LIST_GROUPS;
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
    public CompletionStage<ListGroupsResponseData> handle(RequestContext context, ListGroupsRequest request) {
        return coordinator
                .listGroups(
                        new HashSet<>(request.data().statesFilter()),
                        new HashSet<>(request.data().typesFilter()))
                .thenApply(groups -> {
                    ListGroupsResponseData response = new ListGroupsResponseData().setThrottleTimeMs(0);
                    groups.forEach(group -> {
                        if (context.apiVersion() < 4) {
                            group.setGroupState("");
                        }
                        if (context.apiVersion() < 5) {
                            group.setGroupType("");
                        }
                        response.groups().add(group);
                    });
                    return response;
                });
    }
}
