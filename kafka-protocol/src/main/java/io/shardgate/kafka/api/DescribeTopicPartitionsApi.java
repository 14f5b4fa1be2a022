package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;

import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * DescribeTopicPartitions v0 (what {@code Admin.describeTopics} uses in 4.x): the requested topics (all when none
 * are named) sorted by name, from the cursor on, at most {@code responsePartitionLimit} partitions per response
 * with a next cursor when more remain. This node leads every partition.
 */
public final class DescribeTopicPartitionsApi implements KafkaApi<DescribeTopicPartitionsRequest> {

    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    private final ShardStore store;

    public DescribeTopicPartitionsApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_TOPIC_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletionStage<DescribeTopicPartitionsResponseData> handle(
            RequestContext context, DescribeTopicPartitionsRequest request) {
        int nodeId = context.node().nodeId();
        TreeSet<String> names = new TreeSet<>();
        if (request.data().topics().isEmpty()) {
            store.streams().forEach(stream -> names.add(stream.name()));
        } else {
            request.data().topics().stream().map(TopicRequest::name).forEach(names::add);
        }
        Cursor cursor = request.data().cursor();
        int limit = Math.max(1, request.data().responsePartitionLimit());
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData().setThrottleTimeMs(0);
        int remaining = limit;
        for (String name : cursor == null ? names : names.tailSet(cursor.topicName(), true)) {
            Optional<Stream> stream = store.stream(name);
            if (stream.isEmpty()) {
                response.topics()
                        .add(new DescribeTopicPartitionsResponseTopic()
                                .setName(name)
                                .setTopicId(Uuid.ZERO_UUID)
                                .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                                .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED));
                continue;
            }
            if (remaining == 0) {
                response.setNextCursor(new DescribeTopicPartitionsResponseData.Cursor()
                        .setTopicName(name)
                        .setPartitionIndex(0));
                break;
            }
            int first = cursor != null && cursor.topicName().equals(name) ? cursor.partitionIndex() : 0;
            int count = stream.get().shards().size();
            List<DescribeTopicPartitionsResponsePartition> partitions = new ArrayList<>();
            int index = first;
            for (; index < count && remaining > 0; index++, remaining--) {
                partitions.add(new DescribeTopicPartitionsResponsePartition()
                        .setErrorCode(Errors.NONE.code())
                        .setPartitionIndex(index)
                        .setLeaderId(nodeId)
                        .setLeaderEpoch(TopicMapping.LEADER_EPOCH)
                        .setReplicaNodes(List.of(nodeId))
                        .setIsrNodes(List.of(nodeId))
                        .setEligibleLeaderReplicas(List.of())
                        .setLastKnownElr(List.of())
                        .setOfflineReplicas(List.of()));
            }
            response.topics()
                    .add(new DescribeTopicPartitionsResponseTopic()
                            .setErrorCode(Errors.NONE.code())
                            .setName(name)
                            .setTopicId(TopicMapping.topicId(stream.get()))
                            .setIsInternal(false)
                            .setPartitions(partitions)
                            .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED));
            if (index < count) {
                response.setNextCursor(new DescribeTopicPartitionsResponseData.Cursor()
                        .setTopicName(name)
                        .setPartitionIndex(index));
                break;
            }
        }
        return CompletableFuture.completedFuture(response);
    }
}
