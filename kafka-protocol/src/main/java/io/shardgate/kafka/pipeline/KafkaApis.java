package io.shardgate.kafka.pipeline;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.protocol.ApiKeys;

import io.shardgate.kafka.KafkaListenerConfig;
import io.shardgate.kafka.api.AlterConfigsApi;
import io.shardgate.kafka.api.ApiVersionsApi;
import io.shardgate.kafka.api.ConsumerGroupDescribeApi;
import io.shardgate.kafka.api.ConsumerGroupHeartbeatApi;
import io.shardgate.kafka.api.CreatePartitionsApi;
import io.shardgate.kafka.api.CreateTopicsApi;
import io.shardgate.kafka.api.DeleteGroupsApi;
import io.shardgate.kafka.api.DeleteRecordsApi;
import io.shardgate.kafka.api.DeleteTopicsApi;
import io.shardgate.kafka.api.DescribeClusterApi;
import io.shardgate.kafka.api.DescribeConfigsApi;
import io.shardgate.kafka.api.DescribeGroupsApi;
import io.shardgate.kafka.api.DescribeLogDirsApi;
import io.shardgate.kafka.api.DescribeProducersApi;
import io.shardgate.kafka.api.DescribeTopicPartitionsApi;
import io.shardgate.kafka.api.FetchApi;
import io.shardgate.kafka.api.FindCoordinatorApi;
import io.shardgate.kafka.api.HeartbeatApi;
import io.shardgate.kafka.api.IncrementalAlterConfigsApi;
import io.shardgate.kafka.api.InitProducerIdApi;
import io.shardgate.kafka.api.JoinGroupApi;
import io.shardgate.kafka.api.KafkaApi;
import io.shardgate.kafka.api.LeaveGroupApi;
import io.shardgate.kafka.api.ListGroupsApi;
import io.shardgate.kafka.api.ListOffsetsApi;
import io.shardgate.kafka.api.MetadataApi;
import io.shardgate.kafka.api.OffsetCommitApi;
import io.shardgate.kafka.api.OffsetDeleteApi;
import io.shardgate.kafka.api.OffsetFetchApi;
import io.shardgate.kafka.api.OffsetForLeaderEpochApi;
import io.shardgate.kafka.api.ProduceApi;
import io.shardgate.kafka.api.ProducerIds;
import io.shardgate.kafka.api.SyncGroupApi;
import io.shardgate.kafka.group.GroupCoordinator;
import io.shardgate.store.ShardStore;
import io.shardgate.store.limits.Limits;

/** The dispatcher's table: one {@link KafkaApi} per implemented API key. Immutable and shared by connections. */
public final class KafkaApis {

    private final Map<ApiKeys, KafkaApi<?>> byKey = new EnumMap<>(ApiKeys.class);
    private final ApiVersionsApi apiVersions;

    public KafkaApis(
            ShardStore store,
            ProducerIds producerIds,
            GroupCoordinator coordinator,
            Path logDir,
            KafkaListenerConfig settings,
            Limits limits) {
        List<KafkaApi<?>> apis = List.of(
                new ProduceApi(store, limits),
                new FetchApi(store, limits),
                new ListOffsetsApi(store),
                new MetadataApi(
                        store, settings.autoCreateTopics(), settings.defaultPartitions(), limits.defaultProfile()),
                new CreateTopicsApi(store, settings.defaultPartitions(), limits.defaultProfile()),
                new DeleteTopicsApi(store, limits),
                new CreatePartitionsApi(store),
                new DeleteRecordsApi(store),
                new DescribeClusterApi(),
                new DescribeTopicPartitionsApi(store),
                new DescribeConfigsApi(store, settings),
                new AlterConfigsApi(store, limits.defaultProfile()),
                new IncrementalAlterConfigsApi(store, limits.defaultProfile()),
                new InitProducerIdApi(producerIds),
                new OffsetForLeaderEpochApi(store),
                new DescribeProducersApi(store),
                new DescribeLogDirsApi(store, logDir),
                new FindCoordinatorApi(),
                new OffsetCommitApi(store, coordinator),
                new OffsetFetchApi(store, coordinator),
                new OffsetDeleteApi(store, coordinator),
                new DeleteGroupsApi(store, coordinator),
                new JoinGroupApi(coordinator),
                new SyncGroupApi(coordinator),
                new HeartbeatApi(coordinator),
                new LeaveGroupApi(coordinator),
                new DescribeGroupsApi(coordinator, store),
                new ListGroupsApi(coordinator),
                new ConsumerGroupHeartbeatApi(coordinator),
                new ConsumerGroupDescribeApi(coordinator));
        apiVersions = new ApiVersionsApi(apis);
        apis.forEach(api -> byKey.put(api.key(), api));
        byKey.put(apiVersions.key(), apiVersions);
    }

    public ApiVersionsApi apiVersions() {
        return apiVersions;
    }

    /** Whether a request of this key and version can be parsed and answered. */
    public boolean supports(ApiKeys key, short version) {
        return byKey.containsKey(key) && apiVersions.supports(key, version);
    }

    /** The API of a supported key. */
    public KafkaApi<?> api(ApiKeys key) {
        KafkaApi<?> api = byKey.get(key);
        if (api == null) {
            throw new IllegalArgumentException("no API for " + key);
        }
        return api;
    }
}
