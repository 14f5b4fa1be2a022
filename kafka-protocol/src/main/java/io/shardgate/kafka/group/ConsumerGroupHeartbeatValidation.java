package io.shardgate.kafka.group;

import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedAssignorException;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;

import io.shardgate.kafka.group.assignor.PartitionAssignors;

/** Kafka's checks of a ConsumerGroupHeartbeat request before the coordinator sees it, with Kafka's messages. */
final class ConsumerGroupHeartbeatValidation {
    private ConsumerGroupHeartbeatValidation() {}

    static void validate(ConsumerGroupHeartbeatRequestData request, short version) {
        int epoch = request.memberEpoch();
        // From v1 the client chooses its member id, so it must always send one.
        if (version >= 1 || epoch > 0 || epoch == ConsumerGroups.LEAVE_GROUP_MEMBER_EPOCH) {
            throwIfBlank(request.memberId(), "MemberId can't be empty.");
        }
        throwIfBlank(request.groupId(), "GroupId can't be empty.");
        throwIfBlank(request.instanceId(), "InstanceId can't be empty.");
        throwIfBlank(request.rackId(), "RackId can't be empty.");
        if (epoch == 0) {
            if (request.rebalanceTimeoutMs() == -1) {
                throw new InvalidRequestException("RebalanceTimeoutMs must be provided in first request.");
            }
            if (request.topicPartitions() == null || !request.topicPartitions().isEmpty()) {
                throw new InvalidRequestException("TopicPartitions must be empty when (re-)joining.");
            }
            if (request.subscribedTopicNames() == null && request.subscribedTopicRegex() == null) {
                throw new InvalidRequestException(
                        "Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.");
            }
        } else if (epoch == ConsumerGroups.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            if (request.instanceId() == null) {
                throw new InvalidRequestException("InstanceId can't be null.");
            }
        } else if (epoch < ConsumerGroups.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            throw new InvalidRequestException("MemberEpoch is invalid.");
        }
        if (request.serverAssignor() != null
                && PartitionAssignors.byName(request.serverAssignor()).isEmpty()) {
            throw new UnsupportedAssignorException("ServerAssignor " + request.serverAssignor()
                    + " is not supported. Supported assignors: " + String.join(", ", PartitionAssignors.names())
                    + ".");
        }
    }

    private static void throwIfBlank(String value, String message) {
        if (value != null && value.trim().isEmpty()) {
            throw new InvalidRequestException(message);
        }
    }
}
