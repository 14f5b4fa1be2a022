package io.shardgate.it;

import static io.shardgate.it.KafkaDifferentialIT.admin;
import static io.shardgate.it.KafkaDifferentialIT.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.gateway.Gateway;
import io.shardgate.it.KafkaDifferentialIT.Server;
import io.shardgate.it.reference.KafkaReferenceBroker;

/**
 * The differential test's consumer-group scenarios: the same steps against the gateway and an in-process Apache
 * Kafka broker, with the same answers expected. Real consumers (assignments, descriptions, committed offsets, admin
 * errors), and the classic protocol on the wire (every error code of JoinGroup, SyncGroup, Heartbeat and LeaveGroup,
 * static membership and fencing), where member ids, random on both, are compared by the role they play.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaGroupDifferentialIT {

    private static final long TIMEOUT_S = 30;
    private static final String TOPIC = "groups-diff";
    private static final int RECORDS = 60;

    @TempDir
    static Path gatewayDir;

    @TempDir
    static Path referenceDir;

    private Gateway gateway;
    private KafkaReferenceBroker reference;
    private Server gatewayServer;
    private Server referenceServer;

    @BeforeAll
    void startServers() throws Exception {
        gateway = Gateway.start(ItGateways.config(gatewayDir));
        gatewayServer = new Server("gateway", "127.0.0.1:" + gateway.kafkaPort());
        reference = KafkaReferenceBroker.start(referenceDir, Map.of("auto.create.topics.enable", "false"));
        referenceServer = new Server("Apache Kafka", reference.bootstrapServers());
        for (Server server : List.of(referenceServer, gatewayServer)) {
            try (Admin admin = admin(server)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1)))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(server)) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % 3, null, ("record-" + i).getBytes()));
                }
                producer.flush();
            }
        }
    }

    @AfterAll
    void stopServers() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    @Test
    void consumersOfAGroupGetTheSameAssignmentsDescriptionsOffsetsAndErrors() throws Exception {
        same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            Map<String, Integer> tally = new ConcurrentHashMap<>();
            String group = "diff-members";
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            try (Admin admin = admin(server)) {
                GroupMember a = member(server, group, "diff-a", tally);
                GroupMember b = null;
                try {
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> a.assignment().size() == 3);
                    b = member(server, group, "diff-b", tally);
                    GroupMember second = b;
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() ->
                                    a.assignment().size() + second.assignment().size() == 3
                                            && !second.assignment().isEmpty()
                                            && tally.size() == RECORDS);
                    // Range assigns by member id order, and member ids start with the client id on both.
                    answers.put("assignment of diff-a", sorted(a.assignment()));
                    answers.put("assignment of diff-b", sorted(b.assignment()));
                    answers.put("described while stable", described(admin, group));
                    answers.put("listed while stable", listed(admin, group));
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> committed(admin, group).values().stream()
                                            .filter(offset -> offset.contains("offset=" + RECORDS / 3 + ","))
                                            .count()
                                    == 3);
                    answers.put("committed", committed(admin, group));
                    answers.putAll(refusedWhileActive(admin, group, p0));
                } finally {
                    a.leave();
                    if (b != null) {
                        b.leave();
                    }
                }
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> admin.describeConsumerGroups(List.of(group))
                        .all()
                        .get()
                        .get(group)
                        .members()
                        .isEmpty());
                answers.put("described when empty", described(admin, group));
                answers.put("listed when empty", listed(admin, group));
                answers.put("admin commit to the empty group", outcome(() -> admin.alterConsumerGroupOffsets(
                                group, Map.of(p0, new OffsetAndMetadata(5, "m")))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("committed after the admin commit", committed(admin, group));
                answers.put("delete the empty group", outcome(() -> admin.deleteConsumerGroups(List.of(group))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
                answers.put("describe the deleted group", outcome(() -> admin.describeConsumerGroups(List.of(group))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
            return answers;
        });
    }

    @Test
    void consumerProtocolGroupsGetTheSameAssignmentsDescriptionsAndErrors() throws Exception {
        same(server -> {
            Map<String, Object> answers = new LinkedHashMap<>();
            Map<String, Integer> tally = new ConcurrentHashMap<>();
            String group = "diff-kip848";
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            try (Admin admin = admin(server)) {
                List<GroupMember> members = new ArrayList<>();
                try {
                    for (String client : List.of("kip-a", "kip-b")) {
                        Map<String, String> settings = new HashMap<>();
                        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, client);
                        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
                        settings.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
                        members.add(new GroupMember(server.bootstrapServers(), group, TOPIC, settings, tally));
                    }
                    await().atMost(Duration.ofSeconds(TIMEOUT_S))
                            .until(() -> members.stream().noneMatch(member -> member.assignment()
                                            .isEmpty())
                                    && members.stream()
                                                    .mapToInt(member ->
                                                            member.assignment().size())
                                                    .sum()
                                            == 3
                                    && tally.size() == RECORDS);
                    // Range gives the member with the lowest member id the first partitions, on both servers.
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                            .all()
                            .get(TIMEOUT_S, TimeUnit.SECONDS)
                            .get(group);
                    Map<String, Object> described = new LinkedHashMap<>();
                    described.put("state", description.groupState());
                    described.put("type", description.type());
                    described.put("assignor", description.partitionAssignor());
                    described.put("epochs agree", description.groupEpoch().equals(description.targetAssignmentEpoch()));
                    List<Object> byMemberId = new ArrayList<>();
                    description.members().stream()
                            .sorted(java.util.Comparator.comparing(MemberDescription::consumerId))
                            .forEach(member -> byMemberId.add(List.of(
                                    member.host(),
                                    sorted(member.assignment().topicPartitions()),
                                    sorted(member.targetAssignment()
                                            .map(target -> target.topicPartitions())
                                            .orElse(Set.of())),
                                    member.memberEpoch().equals(description.groupEpoch()))));
                    described.put("members by member id", byMemberId);
                    answers.put("described", described);
                    answers.put("listed", listed(admin, group));
                    answers.putAll(refusedWhileActive(admin, group, p0));
                } finally {
                    for (GroupMember member : members) {
                        member.leave();
                    }
                }
                await().atMost(Duration.ofSeconds(TIMEOUT_S)).until(() -> admin.describeConsumerGroups(List.of(group))
                        .all()
                        .get()
                        .get(group)
                        .members()
                        .isEmpty());
                answers.put("listed when empty", listed(admin, group));
                answers.put("committed", committed(admin, group));
                answers.put("delete the empty group", outcome(() -> admin.deleteConsumerGroups(List.of(group))
                        .all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS)));
            }
            return answers;
        });
    }

    @Test
    void theClassicProtocolAnswersTheSameOnTheWire() throws Exception {
        Object answers = same(server -> {
            Wire wire = new Wire(server);
            try (wire) {
                return wire.script();
            }
        });
        assertThat(answers.toString())
                .contains("first join v9: MEMBER_ID_REQUIRED")
                .contains("heartbeat of the replaced member: HeartbeatResponseData(throttleTimeMs=_, errorCode="
                        + Errors.FENCED_INSTANCE_ID.code() + ")");
    }

    /** The raw classic-protocol script, as one connection plays it. */
    private static final class Wire implements AutoCloseable {
        private final KafkaWire.Connection connection;
        private final Map<String, String> roles = new LinkedHashMap<>();
        private final List<String> answers = new ArrayList<>();
        private int correlationId;

        Wire(Server server) throws IOException {
            String[] hostPort = server.bootstrapServers().split(":");
            connection = new KafkaWire.Connection(Integer.parseInt(hostPort[1]), (int) TimeUnit.SECONDS.toMillis(60));
        }

        List<String> script() throws IOException {
            // A dynamic member: session bounds, member id required, join, sync, heartbeats
            JoinGroupResponseData tooShort = join("diff-raw", "", null, 1000, "consumer", "range", (short) 9);
            note("join with a 1 s session", tooShort.errorCode());
            JoinGroupResponseData required = join("diff-raw", "", null, 10_000, "consumer", "range", (short) 9);
            note("first join v9", required.errorCode(), "member " + role(required.memberId(), "m1"));
            JoinGroupResponseData joined =
                    join("diff-raw", required.memberId(), null, 10_000, "consumer", "range", (short) 9);
            note("join with the member id", joined);
            note(
                    "join of another protocol type",
                    join("diff-raw", "", null, 10_000, "connect", "range", (short) 9)
                            .errorCode());
            note(
                    "join of an unknown member",
                    join("diff-raw", "nobody", null, 10_000, "consumer", "range", (short) 9)
                            .errorCode());
            note(
                    "join of a member of an unknown group",
                    join("diff-nowhere", "nobody", null, 10_000, "consumer", "range", (short) 9)
                            .errorCode());
            String m1 = joined.memberId();
            int generation = joined.generationId();
            note(
                    "sync of another generation",
                    sync("diff-raw", m1, null, generation + 1, "range").errorCode());
            note(
                    "sync of another protocol",
                    sync("diff-raw", m1, null, generation, "roundrobin").errorCode());
            note(
                    "sync of an unknown member",
                    sync("diff-raw", "nobody", null, generation, "range").errorCode());
            note("sync of the leader", sync("diff-raw", m1, null, generation, "range"));
            note("heartbeat", heartbeat("diff-raw", m1, null, generation));
            note("heartbeat of another generation", heartbeat("diff-raw", m1, null, generation + 1));
            note("heartbeat of an unknown member", heartbeat("diff-raw", "nobody", null, generation));
            note("heartbeat of an unknown group", heartbeat("diff-nowhere", m1, null, generation));
            note("heartbeat with an unknown instance id", heartbeat("diff-raw", m1, "nobody", generation));
            note(
                    "join again of the leader, which rebalances",
                    join("diff-raw", m1, null, 10_000, "consumer", "range", (short) 9));
            note("sync after the leader's rejoin", sync("diff-raw", m1, null, generation + 1, "range"));
            note("leave", leave("diff-raw", (short) 5, new MemberIdentity().setMemberId(m1)));
            note("leave an unknown group", leave("diff-nowhere", (short) 5, new MemberIdentity().setMemberId(m1)));
            note("leave v2 of an unknown member", leave("diff-raw", (short) 2, new MemberIdentity().setMemberId("x")));

            // A static member: no member id round, restart with a new id without a rebalance, fencing
            JoinGroupResponseData first = join("diff-static", "", "i1", 10_000, "consumer", "range", (short) 9);
            role(first.memberId(), "s1");
            note("static join", first);
            note("static sync", sync("diff-static", first.memberId(), "i1", first.generationId(), "range"));
            JoinGroupResponseData again = join("diff-static", "", "i1", 10_000, "consumer", "range", (short) 9);
            role(again.memberId(), "s1 restarted");
            note("static rejoin", again);
            note(
                    "heartbeat of the replaced member",
                    heartbeat("diff-static", first.memberId(), "i1", first.generationId()));
            note(
                    "sync of the restarted member",
                    sync("diff-static", again.memberId(), "i1", again.generationId(), "range"));
            JoinGroupResponseData olderClient = join("diff-static", "", "i1", 10_000, "consumer", "range", (short) 8);
            role(olderClient.memberId(), "s1 restarted by an older client");
            note("static rejoin v8", olderClient);
            note(
                    "leave by instance id",
                    leave(
                            "diff-static",
                            (short) 5,
                            new MemberIdentity().setMemberId("").setGroupInstanceId("i1"),
                            new MemberIdentity().setMemberId("").setGroupInstanceId("nobody")));
            note("describe v5", describe((short) 5, "diff-static", "diff-unknown"));
            note("describe v6", describe((short) 6, "diff-unknown"));
            answers.add("list Empty groups: " + listEmpty());
            return answers;
        }

        private JoinGroupResponseData join(
                String group,
                String memberId,
                String instanceId,
                int sessionTimeoutMs,
                String protocolType,
                String protocol,
                short version)
                throws IOException {
            JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
            protocols.add(new JoinGroupRequestProtocol().setName(protocol).setMetadata(subscription()));
            JoinGroupRequestData request = new JoinGroupRequestData()
                    .setGroupId(group)
                    .setMemberId(memberId)
                    .setGroupInstanceId(instanceId)
                    .setSessionTimeoutMs(sessionTimeoutMs)
                    .setRebalanceTimeoutMs(sessionTimeoutMs)
                    .setProtocolType(protocolType)
                    .setProtocols(protocols);
            return (JoinGroupResponseData) call(ApiKeys.JOIN_GROUP, version, request);
        }

        private SyncGroupResponseData sync(
                String group, String memberId, String instanceId, int generation, String protocol) throws IOException {
            SyncGroupRequestData request = new SyncGroupRequestData()
                    .setGroupId(group)
                    .setMemberId(memberId)
                    .setGroupInstanceId(instanceId)
                    .setGenerationId(generation)
                    .setProtocolType("consumer")
                    .setProtocolName(protocol)
                    .setAssignments(List.of(new SyncGroupRequestAssignment()
                            .setMemberId(memberId)
                            .setAssignment(new byte[] {1, 2, 3})));
            return (SyncGroupResponseData) call(ApiKeys.SYNC_GROUP, (short) 5, request);
        }

        private HeartbeatResponseData heartbeat(String group, String memberId, String instanceId, int generation)
                throws IOException {
            return (HeartbeatResponseData) call(
                    ApiKeys.HEARTBEAT,
                    (short) 4,
                    new HeartbeatRequestData()
                            .setGroupId(group)
                            .setMemberId(memberId)
                            .setGroupInstanceId(instanceId)
                            .setGenerationId(generation));
        }

        private LeaveGroupResponseData leave(String group, short version, MemberIdentity... members)
                throws IOException {
            LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(group);
            if (version >= 3) {
                request.setMembers(List.of(members));
            } else {
                request.setMemberId(members[0].memberId());
            }
            return (LeaveGroupResponseData) call(ApiKeys.LEAVE_GROUP, version, request);
        }

        private DescribeGroupsResponseData describe(short version, String... groups) throws IOException {
            DescribeGroupsResponseData response = (DescribeGroupsResponseData)
                    call(ApiKeys.DESCRIBE_GROUPS, version, new DescribeGroupsRequestData().setGroups(List.of(groups)));
            response.groups().forEach(group -> group.members().forEach(member -> member.setClientHost("host")));
            return response;
        }

        private List<String> listEmpty() throws IOException {
            ListGroupsResponseData response = (ListGroupsResponseData)
                    call(ApiKeys.LIST_GROUPS, (short) 5, new ListGroupsRequestData().setStatesFilter(List.of("Empty")));
            List<String> groups = new ArrayList<>();
            response.groups().forEach(group -> {
                if (group.groupId().startsWith("diff-")) {
                    groups.add(group.groupId() + " " + group.protocolType() + " " + group.groupState() + " "
                            + group.groupType());
                }
            });
            groups.sort(null);
            return groups;
        }

        private ApiMessage call(ApiKeys key, short version, ApiMessage request) throws IOException {
            int id = ++correlationId;
            connection.write(KafkaWire.frame(KafkaWire.payload(key, version, id, request)));
            byte[] frame = connection.readFrame().orElseThrow(() -> new IOException("connection closed"));
            RequestHeader header = new RequestHeader(key, version, "robustness-it", id);
            AbstractResponse response = AbstractResponse.parseResponse(ByteBuffer.wrap(frame), header);
            return response.data();
        }

        private String role(String memberId, String name) {
            if (memberId == null || memberId.isEmpty()) {
                return "''";
            }
            roles.putIfAbsent(memberId, name);
            return roles.get(memberId)
                    + (memberId.startsWith("robustness-it-") || memberId.startsWith("i1-")
                            ? " (prefixed)"
                            : " (" + memberId + ")");
        }

        private void note(String step, short errorCode, String... more) {
            answers.add(
                    step + ": " + Errors.forCode(errorCode) + (more.length == 0 ? "" : " " + String.join(" ", more)));
        }

        private void note(String step, ApiMessage response) {
            String text = response.toString();
            for (Map.Entry<String, String> role : roles.entrySet()) {
                text = text.replace(role.getKey(), role.getValue());
            }
            answers.add(step + ": " + text.replaceAll("throttleTimeMs=\\d+", "throttleTimeMs=_"));
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    private static byte[] subscription() {
        ByteBuffer buffer =
                ConsumerProtocol.serializeSubscription(new ConsumerPartitionAssignor.Subscription(List.of(TOPIC)));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private <T> T same(KafkaDifferentialIT.Step<T> step) throws Exception {
        T expected = step.run(referenceServer);
        T actual = step.run(gatewayServer);
        assertThat(actual).as("gateway (expected: what Apache Kafka answered)").isEqualTo(expected);
        return actual;
    }

    private static GroupMember member(Server server, String group, String clientId, Map<String, Integer> tally) {
        Map<String, String> settings = new HashMap<>();
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        return new GroupMember(server.bootstrapServers(), group, TOPIC, settings, tally);
    }

    /** What the Admin client may not do to a group with members: delete it, its offsets, or move them. */
    private static Map<String, Object> refusedWhileActive(Admin admin, String group, TopicPartition partition) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put(
                "delete an active group",
                outcome(() -> admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_S, TimeUnit.SECONDS)));
        answers.put("delete offsets of a subscribed topic", outcome(() -> admin.deleteConsumerGroupOffsets(
                        group, Set.of(partition))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)));
        answers.put("admin commit to an active group", outcome(() -> admin.alterConsumerGroupOffsets(
                        group, Map.of(partition, new OffsetAndMetadata(0)))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)));
        return answers;
    }

    private static Map<String, Object> described(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                .all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .get(group);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("state", description.groupState());
        described.put("type", description.type());
        described.put("assignor", description.partitionAssignor());
        described.put("simple", description.isSimpleConsumerGroup());
        Map<String, Object> members = new TreeMap<>();
        for (MemberDescription member : description.members()) {
            members.put(
                    member.clientId(),
                    List.of(
                            member.host(),
                            member.groupInstanceId(),
                            sorted(member.assignment().topicPartitions())));
        }
        described.put("members", members);
        return described;
    }

    private static Object listed(Admin admin, String group) throws Exception {
        for (GroupListing listing : admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            if (listing.groupId().equals(group)) {
                return List.of(listing.groupState(), listing.type(), listing.protocol());
            }
        }
        return "not listed";
    }

    private static Map<String, String> committed(Admin admin, String group) throws Exception {
        Map<String, String> committed = new TreeMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .forEach((partition, offset) -> committed.put(partition.toString(), offset.toString()));
        return committed;
    }

    private static List<String> sorted(Set<TopicPartition> partitions) {
        List<String> names = new ArrayList<>();
        partitions.forEach(partition -> names.add(partition.toString()));
        names.sort(null);
        return names;
    }

    private static KafkaProducer<byte[], byte[]> producer(Server server) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
