package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;

import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * Metadata: this node (as advertised by the listener the request came in on) is the only broker, the controller and
 * the leader of every partition. Topics are never created automatically; unknown ones get {@code
 * UNKNOWN_TOPIC_OR_PARTITION} (or {@code UNKNOWN_TOPIC_ID}).
 */
public final class MetadataApi implements KafkaApi<MetadataRequest> {

    /** Kafka's value for "authorized operations not requested". */
    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    private final ShardStore store;

    public MetadataApi(ShardStore store) {
        this.store = store;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.METADATA;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    @Override
    public CompletionStage<MetadataResponseData> handle(RequestContext context, MetadataRequest request) {
        BrokerNode node = context.node();
        MetadataResponseData response = new MetadataResponseData()
                .setThrottleTimeMs(0)
                .setClusterId(node.clusterId())
                .setControllerId(node.nodeId())
                .setClusterAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
        response.brokers()
                .add(new MetadataResponseBroker()
                        .setNodeId(node.nodeId())
                        .setHost(node.host())
                        .setPort(node.port())
                        .setRack(null));
        List<MetadataRequestTopic> requested = request.data().topics();
        boolean all = requested == null || (context.apiVersion() == 0 && requested.isEmpty());
        if (all) {
            for (Stream stream : store.streams()) {
                response.topics().add(topic(stream, node.nodeId()));
            }
        } else {
            for (MetadataRequestTopic wanted : requested) {
                Optional<Stream> stream = TopicMapping.resolve(store, wanted.name(), wanted.topicId());
                if (stream.isPresent()) {
                    response.topics().add(topic(stream.get(), node.nodeId()));
                } else {
                    boolean byId = wanted.name() == null;
                    response.topics()
                            .add(new MetadataResponseTopic()
                                    .setName(wanted.name())
                                    .setTopicId(byId ? wanted.topicId() : Uuid.ZERO_UUID)
                                    .setErrorCode(
                                            (byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code())
                                    .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED));
                }
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private static MetadataResponseTopic topic(Stream stream, int nodeId) {
        List<MetadataResponsePartition> partitions =
                new ArrayList<>(stream.shards().size());
        for (int i = 0; i < stream.shards().size(); i++) {
            partitions.add(new MetadataResponsePartition()
                    .setErrorCode(Errors.NONE.code())
                    .setPartitionIndex(i)
                    .setLeaderId(nodeId)
                    .setLeaderEpoch(TopicMapping.LEADER_EPOCH)
                    .setReplicaNodes(List.of(nodeId))
                    .setIsrNodes(List.of(nodeId))
                    .setOfflineReplicas(List.of()));
        }
        return new MetadataResponseTopic()
                .setErrorCode(Errors.NONE.code())
                .setName(stream.name())
                .setTopicId(TopicMapping.topicId(stream))
                .setIsInternal(false)
                .setPartitions(partitions)
                .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
    }
}
