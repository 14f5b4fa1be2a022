package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData.DescribedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ConsumerGroupDescribeRequest;

import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.kafka.mapping.GroupIds;

/**
 * ConsumerGroupDescribe v0–1 (KIP-848): epochs, state, assignor, and each member's subscription, current and
 * target assignment. A group that is not a consumer group gets {@code GROUP_ID_NOT_FOUND}, an invalid id
 * {@code INVALID_GROUP_ID}. Authorized operations are not reported ({@code Integer.MIN_VALUE}).
 */
public final class ConsumerGroupDescribeApi implements KafkaApi<ConsumerGroupDescribeRequest> {

    private final GroupCoordinator coordinator;

    public ConsumerGroupDescribeApi(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.CONSUMER_GROUP_DESCRIBE;
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
    public CompletionStage<ConsumerGroupDescribeResponseData> handle(
            RequestContext context, ConsumerGroupDescribeRequest request) {
        List<String> valid = new ArrayList<>();
        for (String groupId : request.data().groupIds()) {
            if (GroupIds.valid(groupId)) {
                valid.add(groupId);
            }
        }
        return coordinator.consumerGroupDescribe(valid, context.apiVersion()).thenApply(described -> {
            ConsumerGroupDescribeResponseData response = new ConsumerGroupDescribeResponseData().setThrottleTimeMs(0);
            int next = 0;
            for (String groupId : request.data().groupIds()) {
                if (GroupIds.valid(groupId)) {
                    response.groups().add(described.get(next++));
                } else {
                    response.groups()
                            .add(new DescribedGroup()
                                    .setGroupId(groupId)
                                    .setErrorCode(Errors.INVALID_GROUP_ID.code())
                                    .setErrorMessage(Errors.INVALID_GROUP_ID.message()));
                }
            }
            return response;
        });
    }
}
