package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;

import io.shardgate.kafka.mapping.KafkaErrors;
import io.shardgate.kafka.mapping.TopicConfigs;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.NewStream;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.limits.LimitsProfile;

/**
 * Metadata: this node (as advertised by the listener the request came in on) is the only broker, the controller and
 * the leader of every partition. Unknown topics get {@code UNKNOWN_TOPIC_OR_PARTITION} (or {@code UNKNOWN_TOPIC_ID}),
 * unless automatic topic creation is on and the request allows it.
 */
public final class MetadataApi implements KafkaApi<MetadataRequest> {

    /** Kafka's value for "authorized operations not requested". */
    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    private final ShardStore store;
    private final boolean autoCreateTopics;
    private final int defaultPartitions;
    private final LimitsProfile defaultProfile;

    /**
     * @param autoCreateTopics whether requests that allow it create unknown topics
     * @param defaultPartitions the partitions of a topic created so
     * @param defaultProfile the limits profile of a topic created so
     */
    public MetadataApi(
            ShardStore store, boolean autoCreateTopics, int defaultPartitions, LimitsProfile defaultProfile) {
        this.store = store;
        this.autoCreateTopics = autoCreateTopics;
        this.defaultPartitions = defaultPartitions;
        this.defaultProfile = defaultProfile;
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
            return CompletableFuture.completedFuture(response);
        }
        boolean create =
                autoCreateTopics && (context.apiVersion() < 4 || request.data().allowAutoTopicCreation());
        List<CompletableFuture<MetadataResponseTopic>> topics = new ArrayList<>();
        for (MetadataRequestTopic wanted : requested) {
            Optional<Stream> stream = TopicMapping.resolve(store, wanted.name(), wanted.topicId());
            if (stream.isPresent()) {
                topics.add(CompletableFuture.completedFuture(topic(stream.get(), node.nodeId())));
            } else if (wanted.name() == null) {
                topics.add(CompletableFuture.completedFuture(unknown(wanted, Errors.UNKNOWN_TOPIC_ID)));
            } else if (create) {
                topics.add(autoCreate(wanted, node.nodeId()));
            } else {
                topics.add(CompletableFuture.completedFuture(unknown(wanted, Errors.UNKNOWN_TOPIC_OR_PARTITION)));
            }
        }
        return CompletableFuture.allOf(topics.toArray(CompletableFuture[]::new)).thenApply(done -> {
            topics.forEach(topic -> response.topics().add(topic.join()));
            return response;
        });
    }

    /**
     * Kafka's {@code auto.create.topics.enable}: an unknown, valid topic name is created with the default partition
     * count and topic configs. Kafka answers {@code LEADER_NOT_AVAILABLE} while the controller creates it and the
     * client asks again; the topic is ready here once the store created it, so the answer describes it at once.
     */
    private CompletableFuture<MetadataResponseTopic> autoCreate(MetadataRequestTopic wanted, int nodeId) {
        try {
            Topic.validate(wanted.name());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unknown(wanted, Errors.INVALID_TOPIC_EXCEPTION));
        }
        NewStream spec = NewStream.uniform(
                wanted.name(),
                StreamOrigin.KAFKA,
                TopicConfigs.forNewTopic(Map.of(), defaultProfile),
                defaultPartitions);
        return store.createStream(spec)
                .handle((stream, failure) -> {
                    Optional<Stream> created = failure == null ? Optional.of(stream) : store.stream(wanted.name());
                    return created.map(s -> topic(s, nodeId))
                            .orElseGet(() -> unknown(
                                    wanted, KafkaErrors.apiError(failure).error()));
                })
                .toCompletableFuture();
    }

    private static MetadataResponseTopic unknown(MetadataRequestTopic wanted, Errors error) {
        return new MetadataResponseTopic()
                .setName(wanted.name())
                .setTopicId(wanted.name() == null ? wanted.topicId() : Uuid.ZERO_UUID)
                .setErrorCode(error.code())
                .setTopicAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
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
