package io.shardgate.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The classic coordinator's timers and limits, with a real store and short timeouts: what the client-driven tests
 * cannot make happen on demand (members that stop answering in each phase).
 */
class GroupCoordinatorTest {

    private static final short V9 = 9;
    private static final long WAIT_S = 10;

    @TempDir
    Path dataDir;

    private LmdbShardStore store;
    private GroupCoordinator coordinator;

    @BeforeEach
    void start() throws Exception {
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir));
        coordinator = coordinator(2);
    }

    @AfterEach
    void stop() {
        coordinator.close();
        store.close();
    }

    private GroupCoordinator coordinator(int maxSize) {
        GroupCoordinator started = new GroupCoordinator(
                store, new GroupCoordinatorConfig(100, 60_000, 0, maxSize, 45_000, 5_000, Integer.MAX_VALUE));
        started.start();
        return started;
    }

    @Test
    void shouldDropAMemberThatDoesNotJoinAgainWithinTheRebalanceTimeout() throws Exception {
        // Given a stable group of two, the leader with a 300 ms rebalance timeout
        JoinGroupResponseData a = joinNew("g", "a", 300);
        CompletableFuture<JoinGroupResponseData> bJoin = join("g", memberId(joinNewPending("g", "b")), 300);
        JoinGroupResponseData aRejoined = await(join("g", a.memberId(), 300));
        JoinGroupResponseData b = await(bJoin);
        assertThat(aRejoined.generationId()).isEqualTo(b.generationId());
        syncAll("g", aRejoined, b);

        // When only a joins again (b keeps heartbeating on its old generation but never joins)
        CompletableFuture<JoinGroupResponseData> next = join("g", a.memberId(), 300);

        // Then the join phase ends at the rebalance timeout without b, and b is unknown from then on
        JoinGroupResponseData alone = await(next);
        assertThat(alone.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(alone.members()).extracting(member -> member.memberId()).containsExactly(a.memberId());
        assertThat(await(heartbeat("g", b.memberId(), b.generationId()))).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void shouldDropMembersThatDoNotSyncWithinTheRebalanceTimeout() throws Exception {
        // Given a group of two that completed its join phase
        JoinGroupResponseData a = joinNew("g", "a", 300);
        CompletableFuture<JoinGroupResponseData> bJoin = join("g", memberId(joinNewPending("g", "b")), 300);
        JoinGroupResponseData leader = await(join("g", a.memberId(), 300));
        JoinGroupResponseData follower = await(bJoin);

        // When only the follower sends SyncGroup, and the leader never does
        CompletableFuture<SyncGroupResponseData> waiting = sync("g", follower, List.of());

        // Then at the rebalance timeout the leader is removed and the follower is told to join again
        assertThat(await(waiting).errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        assertThat(await(heartbeat("g", leader.memberId(), leader.generationId())))
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void shouldForgetAPendingMemberThatNeverJoinsWithItsId() throws Exception {
        // Given a member that got MEMBER_ID_REQUIRED with a 200 ms session timeout
        JoinGroupResponseData pending = await(join("g", "", 200));
        assertThat(pending.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());

        // When it does not come back within its session timeout, Then its id is unknown
        Thread.sleep(400);
        JoinGroupResponseData late = await(join("g", pending.memberId(), 200));
        assertThat(late.errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void shouldRefuseMembersBeyondTheGroupsMaximumSize() throws Exception {
        // Given a group at its maximum size of two
        JoinGroupResponseData a = joinNew("g", "a", 10_000);
        CompletableFuture<JoinGroupResponseData> bJoin = join("g", memberId(joinNewPending("g", "b")), 10_000);
        await(join("g", a.memberId(), 10_000));
        await(bJoin);

        // When a third member arrives, Then it is refused at once, before it gets a member id
        JoinGroupResponseData third = joinNewPending("g", "c");
        assertThat(third.errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
        assertThat(third.memberId()).isEmpty();
    }

    @Test
    void shouldResumeAStableGroupFromTheStoreAfterARestart() throws Exception {
        // Given a stable group with an assignment
        JoinGroupResponseData a = joinNew("g", "a", 10_000);
        SyncGroupResponseData synced = await(sync(
                "g",
                a,
                List.of(new SyncGroupRequestAssignment()
                        .setMemberId(a.memberId())
                        .setAssignment(new byte[] {7}))));
        assertThat(synced.assignment()).containsExactly(7);

        // When the coordinator restarts on the same store
        coordinator.close();
        coordinator = coordinator(2);

        // Then the member heartbeats on, and gets its assignment back
        assertThat(await(heartbeat("g", a.memberId(), a.generationId()))).isEqualTo(Errors.NONE);
        assertThat(await(sync("g", a, List.of())).assignment()).containsExactly(7);
    }

    @Test
    void shouldResumeAConsumerProtocolGroupFromTheStoreAfterARestart() throws Exception {
        // Given a topic and a KIP-848 member that was assigned all of it
        join(store.createStream(io.shardgate.store.NewStream.uniform(
                "orders", io.shardgate.store.StreamOrigin.KAFKA, io.shardgate.store.StreamSettings.defaults(), 3)));
        String memberId = org.apache.kafka.common.Uuid.randomUuid().toString();
        ConsumerGroupHeartbeatResponseData joined = await(consumerHeartbeat(memberId, 0, List.of("orders")));
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        ConsumerGroupHeartbeatResponseData assigned = joined;
        for (int i = 0; i < 5 && partitions(assigned) < 3; i++) {
            assigned = await(consumerHeartbeat(memberId, assigned.memberEpoch(), null));
        }
        assertThat(partitions(assigned)).isEqualTo(3);

        // When the coordinator restarts on the same store
        coordinator.close();
        coordinator = coordinator(2);

        // Then the member heartbeats on at its epoch, and the group still holds its assignment
        ConsumerGroupHeartbeatResponseData after = await(consumerHeartbeat(memberId, assigned.memberEpoch(), null));
        assertThat(after.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(after.memberEpoch()).isEqualTo(assigned.memberEpoch());
        assertThat(await(coordinator.consumerGroupDescribe(List.of("cg"), (short) 1))
                        .get(0)
                        .members()
                        .get(0)
                        .assignment()
                        .topicPartitions()
                        .get(0)
                        .partitions())
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A new dynamic member through the member-id round, alone in its group: the join response of its generation. */
    private JoinGroupResponseData joinNew(String group, String client, int rebalanceTimeoutMs) throws Exception {
        String memberId = memberId(joinNewPending(group, client));
        return await(join(group, memberId, rebalanceTimeoutMs));
    }

    private JoinGroupResponseData joinNewPending(String group, String client) throws Exception {
        return await(coordinator.joinGroup(request(group, "", 10_000), client, "/127.0.0.1", V9));
    }

    private static String memberId(JoinGroupResponseData pending) {
        assertThat(pending.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        return pending.memberId();
    }

    private CompletableFuture<JoinGroupResponseData> join(String group, String memberId, int rebalanceTimeoutMs) {
        return coordinator.joinGroup(request(group, memberId, rebalanceTimeoutMs), "client", "/127.0.0.1", V9);
    }

    private static JoinGroupRequestData request(String group, String memberId, int rebalanceTimeoutMs) {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1}));
        return new JoinGroupRequestData()
                .setGroupId(group)
                .setMemberId(memberId)
                .setSessionTimeoutMs(Math.min(rebalanceTimeoutMs, 10_000))
                .setRebalanceTimeoutMs(rebalanceTimeoutMs)
                .setProtocolType("consumer")
                .setProtocols(protocols);
    }

    private void syncAll(String group, JoinGroupResponseData leader, JoinGroupResponseData... followers)
            throws Exception {
        List<CompletableFuture<SyncGroupResponseData>> waiting = new java.util.ArrayList<>();
        for (JoinGroupResponseData follower : followers) {
            waiting.add(sync(group, follower, List.of()));
        }
        assertThat(await(sync(group, leader, List.of())).errorCode()).isEqualTo(Errors.NONE.code());
        for (CompletableFuture<SyncGroupResponseData> future : waiting) {
            assertThat(await(future).errorCode()).isEqualTo(Errors.NONE.code());
        }
    }

    private CompletableFuture<SyncGroupResponseData> sync(
            String group, JoinGroupResponseData joined, List<SyncGroupRequestAssignment> assignments) {
        return coordinator.syncGroup(new SyncGroupRequestData()
                .setGroupId(group)
                .setMemberId(joined.memberId())
                .setGenerationId(joined.generationId())
                .setProtocolType("consumer")
                .setProtocolName("range")
                .setAssignments(assignments));
    }

    private CompletableFuture<Errors> heartbeat(String group, String memberId, int generation) {
        return coordinator.heartbeat(new HeartbeatRequestData()
                .setGroupId(group)
                .setMemberId(memberId)
                .setGenerationId(generation));
    }

    private CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerHeartbeat(
            String memberId, int epoch, List<String> topics) {
        ConsumerGroupHeartbeatRequestData request = new ConsumerGroupHeartbeatRequestData()
                .setGroupId("cg")
                .setMemberId(memberId)
                .setMemberEpoch(epoch)
                .setRebalanceTimeoutMs(epoch == 0 ? 10_000 : -1)
                .setSubscribedTopicNames(topics)
                .setTopicPartitions(epoch == 0 ? List.of() : null);
        return coordinator.consumerGroupHeartbeat(request, "client", "/127.0.0.1", (short) 1);
    }

    private static int partitions(ConsumerGroupHeartbeatResponseData response) {
        return response.assignment() == null
                ? 0
                : response.assignment().topicPartitions().stream()
                        .mapToInt(topic -> topic.partitions().size())
                        .sum();
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_S, TimeUnit.SECONDS);
    }
}
