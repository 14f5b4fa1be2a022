package io.shardgate.kafka.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.store.ShardStore;

/**
 * The group coordinator of Kafka's classic protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) for every group,
 * this node being the coordinator of all of them. Follows Kafka's classic group state machine: Empty,
 * PreparingRebalance, CompletingRebalance, Stable; member ids required from JoinGroup v4, the initial rebalance
 * delay, static membership with fencing, session, join and sync timeouts.
 *
 * <p>All group state lives on one coordinator thread, which also runs the timers; callers get futures. A group's
 * state is saved in the store when a generation gets its assignment, when the group empties and when a static
 * member takes over its place, the points where Kafka writes its group metadata record; members resume after a
 * restart with their ids and assignments.
 */
public final class GroupCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

    /** The protocol type a group reports when it holds only committed offsets. */
    private static final String NO_PROTOCOL_TYPE = "";

    private final ShardStore store;
    private final GroupCoordinatorConfig config;
    private final ScheduledExecutorService thread;
    private final Map<String, ClassicGroup> groups = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
    private final ConsumerGroups consumerGroups;

    public GroupCoordinator(ShardStore store, GroupCoordinatorConfig config) {
        this.store = store;
        this.config = config;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "shardgate-group-coordinator");
            t.setDaemon(true);
            return t;
        });
        // On close, queued requests still run (their responses are owed) but timers are dropped.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
        this.consumerGroups = new ConsumerGroups(store, config, new ConsumerGroups.Host() {
            @Override
            public void schedule(String key, long delayMs, Runnable task) {
                GroupCoordinator.this.schedule(key, delayMs, task);
            }

            @Override
            public void cancel(String key) {
                GroupCoordinator.this.cancel(key);
            }

            @Override
            public ClassicGroup classicGroup(String groupId) {
                return groups.get(groupId);
            }

            @Override
            public void dropClassicGroup(String groupId) {
                ClassicGroup group = groups.remove(groupId);
                if (group != null) {
                    cancel(joinKey(group));
                    cancel(syncKey(group));
                }
            }
        });
    }

    /** Loads the saved groups; their members' sessions start now. Blocks until loaded. */
    public void start() {
        Map<String, byte[]> states = store.groupStates().toCompletableFuture().join();
        onThread(() -> {
                    states.forEach((groupId, bytes) -> {
                        if (GroupStateCodec.CONSUMER.equals(GroupStateCodec.type(groupId, bytes))) {
                            consumerGroups.restore(GroupStateCodec.decodeConsumerGroup(groupId, bytes));
                            return;
                        }
                        ClassicGroup group = GroupStateCodec.decode(groupId, bytes);
                        groups.put(groupId, group);
                        group.members().forEach(member -> scheduleHeartbeat(group, member, member.sessionTimeoutMs()));
                    });
                    LOG.info("Loaded {} groups", states.size());
                    return null;
                })
                .join();
    }

    // ---- JoinGroup -----------------------------------------------------------------------------------------

    /** Kafka's JoinGroup; the response may wait for the rebalance. */
    public CompletableFuture<JoinGroupResponseData> joinGroup(
            JoinGroupRequestData request, String clientId, String clientHost, short version) {
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return CompletableFuture.completedFuture(joinError(request.memberId(), Errors.INVALID_SESSION_TIMEOUT));
        }
        return onThread(() -> {
                    CompletableFuture<JoinGroupResponseData> response = new CompletableFuture<>();
                    join(request, clientId, clientHost, version, response);
                    return response;
                })
                .thenCompose(future -> future);
    }

    private void join(
            JoinGroupRequestData request,
            String clientId,
            String clientHost,
            short version,
            CompletableFuture<JoinGroupResponseData> response) {
        String memberId = request.memberId();
        boolean unknownMember = memberId.isEmpty();
        ConsumerGroup consumerGroup = consumerGroups.group(request.groupId());
        if (consumerGroup != null) {
            if (!consumerGroup.isEmpty()) {
                // Kafka's answer with group.consumer.migration.policy=disabled (docs/compatibility.md).
                LOG.info(
                        "Cannot join the consumer group {} with the classic protocol because the group migration is"
                                + " disabled.",
                        request.groupId());
                response.complete(joinError(memberId, Errors.INCONSISTENT_GROUP_PROTOCOL));
                return;
            }
            // An empty consumer group becomes a classic group.
            consumerGroups.forget(request.groupId());
        }
        ClassicGroup group = groups.get(request.groupId());
        if (group == null) {
            if (!unknownMember) {
                response.complete(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
                return;
            }
            group = new ClassicGroup(request.groupId());
            groups.put(group.groupId(), group);
        }
        if (!acceptsJoiningMember(group, memberId)) {
            group.remove(memberId);
            response.complete(joinError("", Errors.GROUP_MAX_SIZE_REACHED));
            return;
        }
        List<ClassicMember.Protocol> protocols = protocols(request);
        if (!group.supportsProtocols(request.protocolType(), protocols)) {
            response.complete(joinError(unknownMember ? "" : memberId, Errors.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        if (unknownMember) {
            String newMemberId = group.newMemberId(clientId, request.groupInstanceId());
            if (request.groupInstanceId() != null) {
                String existing = group.staticMemberId(request.groupInstanceId());
                if (existing != null) {
                    replaceStaticMember(group, request, protocols, existing, newMemberId, version, response);
                } else {
                    addMember(group, request, protocols, newMemberId, clientId, clientHost, response);
                }
            } else if (JoinGroupRequest.requiresKnownMemberId(version)) {
                group.addPendingMember(newMemberId);
                scheduleHeartbeatOfPending(group, newMemberId, request.sessionTimeoutMs());
                response.complete(joinError(newMemberId, Errors.MEMBER_ID_REQUIRED));
            } else {
                addMember(group, request, protocols, newMemberId, clientId, clientHost, response);
            }
            return;
        }
        if (group.isPendingMember(memberId)) {
            addMember(group, request, protocols, memberId, clientId, clientHost, response);
            return;
        }
        Errors invalid = group.validateMember(memberId, request.groupInstanceId());
        if (invalid != Errors.NONE) {
            response.complete(joinError(memberId, invalid));
            return;
        }
        ClassicMember member = group.member(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, request, protocols, response);
            case COMPLETING_REBALANCE -> {
                if (member.matches(protocols)) {
                    // The member lost the JoinGroup response: the current generation again.
                    response.complete(joinResponse(group, member, group.isLeader(memberId), false));
                } else {
                    updateMemberAndRebalance(group, member, request, protocols, response);
                }
            }
            case STABLE -> {
                if (group.isLeader(memberId) || !member.matches(protocols)) {
                    // A leader's JoinGroup asks for a rebalance (e.g. topic metadata changed).
                    updateMemberAndRebalance(group, member, request, protocols, response);
                } else {
                    response.complete(joinResponse(group, member, false, false));
                }
            }
            default -> response.complete(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private boolean acceptsJoiningMember(ClassicGroup group, String memberId) {
        return switch (group.state()) {
            case EMPTY, DEAD -> true;
            case PREPARING_REBALANCE ->
                (group.hasMember(memberId) && group.member(memberId).isAwaitingJoin())
                        || group.awaitingJoinCount() < config.maxSize();
            case COMPLETING_REBALANCE, STABLE -> group.hasMember(memberId) || group.size() < config.maxSize();
        };
    }

    private void addMember(
            ClassicGroup group,
            JoinGroupRequestData request,
            List<ClassicMember.Protocol> protocols,
            String memberId,
            String clientId,
            String clientHost,
            CompletableFuture<JoinGroupResponseData> response) {
        ClassicMember member = new ClassicMember(
                memberId,
                request.groupInstanceId(),
                clientId,
                clientHost,
                request.rebalanceTimeoutMs(),
                request.sessionTimeoutMs(),
                request.protocolType(),
                protocols);
        member.isNew(true);
        if (group.is(GroupState.PREPARING_REBALANCE) && group.previousState() == GroupState.EMPTY) {
            group.newMemberAdded(true);
        }
        group.add(member, response);
        // A new member cannot heartbeat while its JoinGroup waits; a client that gave up must not linger forever.
        scheduleHeartbeat(group, member, GroupCoordinatorConfig.NEW_MEMBER_JOIN_TIMEOUT_MS);
        rebalanceOrCompleteJoin(group, "new member " + memberId);
    }

    private void updateMemberAndRebalance(
            ClassicGroup group,
            ClassicMember member,
            JoinGroupRequestData request,
            List<ClassicMember.Protocol> protocols,
            CompletableFuture<JoinGroupResponseData> response) {
        group.update(member, protocols, request.rebalanceTimeoutMs(), request.sessionTimeoutMs(), response);
        rebalanceOrCompleteJoin(group, "member " + member.memberId() + " joins again");
    }

    private void replaceStaticMember(
            ClassicGroup group,
            JoinGroupRequestData request,
            List<ClassicMember.Protocol> protocols,
            String oldMemberId,
            String newMemberId,
            short version,
            CompletableFuture<JoinGroupResponseData> response) {
        String currentLeader = group.leaderId();
        ClassicMember member = group.replaceStaticMember(request.groupInstanceId(), oldMemberId, newMemberId);
        cancel(heartbeatKey(group, oldMemberId));
        scheduleHeartbeat(group, member, member.sessionTimeoutMs());
        List<ClassicMember.Protocol> oldProtocols = member.protocols();
        int oldRebalanceTimeoutMs = member.rebalanceTimeoutMs();
        int oldSessionTimeoutMs = member.sessionTimeoutMs();
        group.update(member, protocols, request.rebalanceTimeoutMs(), request.sessionTimeoutMs(), response);
        switch (group.state()) {
            case STABLE -> {
                if (!group.selectProtocol().equals(group.protocolName())) {
                    rebalanceOrCompleteJoin(group, "static member " + newMemberId + " changes the protocol");
                    return;
                }
                // The restarted static member gets its place back without a rebalance, once that is saved.
                save(group)
                        .whenComplete((saved, failure) -> onThread(() -> {
                            if (failure != null) {
                                LOG.warn(
                                        "Could not save group {}; static member {} keeps its old id",
                                        group.groupId(),
                                        oldMemberId,
                                        failure);
                                group.update(member, oldProtocols, oldRebalanceTimeoutMs, oldSessionTimeoutMs, null);
                                group.replaceStaticMember(request.groupInstanceId(), newMemberId, oldMemberId);
                                response.complete(joinError("", Errors.UNKNOWN_SERVER_ERROR));
                                return null;
                            }
                            if (JoinGroupRequest.supportsSkippingAssignment(version)) {
                                boolean leader = group.isLeader(newMemberId);
                                group.completeJoin(member, joinResponse(group, member, leader, leader));
                            } else {
                                // Older clients would assign with no members if told they lead: they follow.
                                group.completeJoin(
                                        member,
                                        joinResponse(group, member, false, false)
                                                .setLeader(currentLeader));
                            }
                            return null;
                        }));
            }
            // The leader may already be assigning under the old id: a new round.
            case COMPLETING_REBALANCE -> prepareRebalance(group, "static member " + newMemberId + " replaced");
            default -> completeJoinIfReady(group);
        }
    }

    private void rebalanceOrCompleteJoin(ClassicGroup group, String reason) {
        if (group.state().canRebalance()) {
            prepareRebalance(group, reason);
        } else {
            completeJoinIfReady(group);
        }
    }

    private void completeJoinIfReady(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE)
                && group.previousState() != GroupState.EMPTY
                && group.hasAllMembersJoined()) {
            completeJoin(group);
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // Members waiting for their assignment must join again.
            for (ClassicMember member : group.members()) {
                member.assignment(new byte[0]);
            }
            propagateAssignment(group, Errors.REBALANCE_IN_PROGRESS);
        }
        group.clearPendingSync();
        cancel(syncKey(group));
        boolean initial = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE);
        LOG.info(
                "Preparing to rebalance group {} with old generation {} ({})",
                group.groupId(),
                group.generationId(),
                reason);
        if (initial) {
            int delay = config.initialRebalanceDelayMs();
            int remaining = Math.max(group.rebalanceTimeoutMs() - delay, 0);
            schedule(joinKey(group), delay, () -> initialRebalanceDelayElapsed(group, delay, remaining));
        } else if (group.hasAllMembersJoined()) {
            completeJoin(group);
        } else {
            schedule(joinKey(group), group.rebalanceTimeoutMs(), () -> completeJoin(group));
        }
    }

    private void initialRebalanceDelayElapsed(ClassicGroup group, int delayMs, int remainingMs) {
        if (groups.get(group.groupId()) != group) {
            return;
        }
        if (group.newMemberAdded() && remainingMs != 0) {
            group.newMemberAdded(false);
            int nextDelay = Math.min(config.initialRebalanceDelayMs(), remainingMs);
            int nextRemaining = Math.max(remainingMs - delayMs, 0);
            schedule(joinKey(group), nextDelay, () -> initialRebalanceDelayElapsed(group, nextDelay, nextRemaining));
        } else {
            completeJoin(group);
        }
    }

    /** Ends the join phase: drops dynamic members that did not join again and starts the next generation. */
    private void completeJoin(ClassicGroup group) {
        if (groups.get(group.groupId()) != group || !group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        cancel(joinKey(group));
        for (ClassicMember late : group.notYetRejoined()) {
            if (!late.isStatic()) {
                group.remove(late.memberId());
                cancel(heartbeatKey(group, late.memberId()));
            }
        }
        if (!group.electJoinedLeader() && group.size() > 0) {
            // Nobody joined in time: wait for the sessions of the silent members to expire.
            schedule(joinKey(group), group.rebalanceTimeoutMs(), () -> completeJoin(group));
            return;
        }
        group.initNextGeneration();
        if (group.is(GroupState.EMPTY)) {
            LOG.info("Group {} with generation {} is now empty", group.groupId(), group.generationId());
            save(group);
            return;
        }
        LOG.info(
                "Stabilized group {} generation {} with {} members",
                group.groupId(),
                group.generationId(),
                group.size());
        for (ClassicMember member : group.members()) {
            group.completeJoin(member, joinResponse(group, member, group.isLeader(member.memberId()), false));
            scheduleHeartbeat(group, member, member.sessionTimeoutMs());
            member.isNew(false);
            group.addPendingSync(member.memberId());
        }
        int generation = group.generationId();
        schedule(syncKey(group), group.rebalanceTimeoutMs(), () -> expirePendingSync(group, generation));
    }

    private void expirePendingSync(ClassicGroup group, int generation) {
        if (groups.get(group.groupId()) != group || group.generationId() != generation) {
            return;
        }
        if ((group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))
                && !group.pendingSyncMembers().isEmpty()) {
            Set<String> late = group.pendingSyncMembers();
            late.forEach(memberId -> {
                group.remove(memberId);
                cancel(heartbeatKey(group, memberId));
            });
            prepareRebalance(group, "members " + late + " did not send SyncGroup in time");
        }
    }

    // ---- SyncGroup -----------------------------------------------------------------------------------------

    /** Kafka's SyncGroup; followers wait for the leader's assignment. */
    public CompletableFuture<SyncGroupResponseData> syncGroup(SyncGroupRequestData request) {
        return onThread(() -> {
                    CompletableFuture<SyncGroupResponseData> response = new CompletableFuture<>();
                    sync(request, response);
                    return response;
                })
                .thenCompose(future -> future);
    }

    private void sync(SyncGroupRequestData request, CompletableFuture<SyncGroupResponseData> response) {
        ClassicGroup group = groups.get(request.groupId());
        if (group == null || group.is(GroupState.EMPTY)) {
            response.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
            return;
        }
        Errors invalid = group.validateMember(request.memberId(), request.groupInstanceId());
        if (invalid == Errors.NONE && request.generationId() != group.generationId()) {
            invalid = Errors.ILLEGAL_GENERATION;
        }
        if (invalid == Errors.NONE
                && (inconsistent(request.protocolType(), group.protocolType())
                        || inconsistent(request.protocolName(), group.protocolName()))) {
            invalid = Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (invalid != Errors.NONE) {
            response.complete(syncError(invalid));
            return;
        }
        switch (group.state()) {
            case PREPARING_REBALANCE -> response.complete(syncError(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                ClassicMember member = group.member(request.memberId());
                member.awaitSync(response);
                removePendingSync(group, member.memberId());
                if (group.isLeader(member.memberId())) {
                    acceptAssignment(group, request);
                }
            }
            case STABLE -> {
                removePendingSync(group, request.memberId());
                ClassicMember member = group.member(request.memberId());
                response.complete(new SyncGroupResponseData()
                        .setProtocolType(group.protocolType())
                        .setProtocolName(group.protocolName())
                        .setAssignment(member.assignment()));
            }
            default -> response.complete(syncError(Errors.UNKNOWN_MEMBER_ID));
        }
    }

    /** The leader's assignment: saved, then given to every member; members it leaves out get an empty one. */
    private void acceptAssignment(ClassicGroup group, SyncGroupRequestData request) {
        Map<String, byte[]> assignment = new HashMap<>();
        request.assignments().forEach(entry -> assignment.put(entry.memberId(), entry.assignment()));
        for (ClassicMember member : group.members()) {
            member.assignment(assignment.getOrDefault(member.memberId(), new byte[0]));
        }
        int generation = group.generationId();
        save(group)
                .whenComplete((saved, failure) -> onThread(() -> {
                    if (groups.get(group.groupId()) != group
                            || !group.is(GroupState.COMPLETING_REBALANCE)
                            || group.generationId() != generation) {
                        return null;
                    }
                    if (failure != null) {
                        LOG.warn("Could not save the assignment of group {}", group.groupId(), failure);
                        group.members().forEach(member -> member.assignment(new byte[0]));
                        propagateAssignment(group, Errors.UNKNOWN_SERVER_ERROR);
                        rebalanceOrCompleteJoin(group, "the assignment could not be saved");
                        return null;
                    }
                    propagateAssignment(group, Errors.NONE);
                    group.transitionTo(GroupState.STABLE);
                    return null;
                }));
    }

    private void propagateAssignment(ClassicGroup group, Errors error) {
        for (ClassicMember member : group.members()) {
            SyncGroupResponseData response = new SyncGroupResponseData()
                    .setProtocolType(error == Errors.NONE ? group.protocolType() : null)
                    .setProtocolName(error == Errors.NONE ? group.protocolName() : null)
                    .setAssignment(member.assignment())
                    .setErrorCode(error.code());
            if (member.completeSync(response)) {
                scheduleHeartbeat(group, member, member.sessionTimeoutMs());
            }
        }
    }

    private void removePendingSync(ClassicGroup group, String memberId) {
        group.removePendingSync(memberId);
        if (group.pendingSyncMembers().isEmpty()) {
            cancel(syncKey(group));
        }
    }

    private static boolean inconsistent(String requested, String groupValue) {
        return requested != null && groupValue != null && !requested.equals(groupValue);
    }

    // ---- Heartbeat -----------------------------------------------------------------------------------------

    /** Kafka's classic Heartbeat: the error code of its response. */
    public CompletableFuture<Errors> heartbeat(HeartbeatRequestData request) {
        return onThread(() -> {
            ClassicGroup group = groups.get(request.groupId());
            if (group == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            Errors invalid = group.validateMember(request.memberId(), request.groupInstanceId());
            if (invalid != Errors.NONE) {
                return invalid;
            }
            if (request.generationId() != group.generationId()) {
                return Errors.ILLEGAL_GENERATION;
            }
            ClassicMember member = group.member(request.memberId());
            return switch (group.state()) {
                case PREPARING_REBALANCE -> {
                    scheduleHeartbeat(group, member, member.sessionTimeoutMs());
                    yield Errors.REBALANCE_IN_PROGRESS;
                }
                case COMPLETING_REBALANCE, STABLE -> {
                    scheduleHeartbeat(group, member, member.sessionTimeoutMs());
                    yield Errors.NONE;
                }
                default -> Errors.UNKNOWN_MEMBER_ID;
            };
        });
    }

    private void heartbeatExpired(ClassicGroup group, String memberId) {
        if (groups.get(group.groupId()) != group) {
            return;
        }
        if (group.isPendingMember(memberId)) {
            LOG.info("Pending member {} of group {} expired", memberId, group.groupId());
            group.remove(memberId);
            completeJoinIfAllJoined(group);
            return;
        }
        ClassicMember member = group.member(memberId);
        if (member == null || (!member.isNew() && (member.isAwaitingJoin() || member.isAwaitingSync()))) {
            return;
        }
        LOG.info("Member {} of group {} failed its session, removing it", memberId, group.groupId());
        removeMember(group, member, "session of " + memberId + " expired");
    }

    private void removeMember(ClassicGroup group, ClassicMember member, String reason) {
        // A new member may still wait for its JoinGroup: UNKNOWN_MEMBER_ID makes it join again if still alive.
        group.completeJoin(member, joinError("", Errors.UNKNOWN_MEMBER_ID));
        group.remove(member.memberId());
        cancel(heartbeatKey(group, member.memberId()));
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE)) {
            rebalanceOrCompleteJoin(group, reason);
        } else {
            completeJoinIfAllJoined(group);
        }
    }

    private void completeJoinIfAllJoined(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && group.hasAllMembersJoined()) {
            completeJoin(group);
        }
    }

    // ---- LeaveGroup ----------------------------------------------------------------------------------------

    /**
     * Kafka's LeaveGroup for the given members (one for v0–2, several static or dynamic ones from v3): the
     * per-member results, or empty when the group is unknown (every member is then unknown).
     */
    public CompletableFuture<Optional<List<MemberResponse>>> leaveGroup(String groupId, List<MemberIdentity> leaving) {
        return onThread(() -> {
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                return Optional.empty();
            }
            List<MemberResponse> responses = new ArrayList<>();
            boolean anyLeft = false;
            for (MemberIdentity identity : leaving) {
                MemberResponse response = new MemberResponse()
                        .setMemberId(identity.memberId())
                        .setGroupInstanceId(identity.groupInstanceId());
                responses.add(response);
                if (identity.memberId().isEmpty()) {
                    String staticId = identity.groupInstanceId() == null
                            ? null
                            : group.staticMemberId(identity.groupInstanceId());
                    if (staticId == null) {
                        response.setErrorCode(Errors.UNKNOWN_MEMBER_ID.code());
                    } else {
                        leave(group, group.member(staticId));
                        anyLeft = true;
                    }
                } else if (group.isPendingMember(identity.memberId())) {
                    group.remove(identity.memberId());
                    cancel(heartbeatKey(group, identity.memberId()));
                    anyLeft = true;
                } else {
                    Errors invalid = group.validateMember(identity.memberId(), identity.groupInstanceId());
                    if (invalid != Errors.NONE) {
                        response.setErrorCode(invalid.code());
                    } else {
                        leave(group, group.member(identity.memberId()));
                        anyLeft = true;
                    }
                }
            }
            if (anyLeft) {
                switch (group.state()) {
                    case STABLE, COMPLETING_REBALANCE -> rebalanceOrCompleteJoin(group, "members left");
                    case PREPARING_REBALANCE -> completeJoinIfReady(group);
                    default -> {}
                }
            }
            return Optional.of(responses);
        });
    }

    private void leave(ClassicGroup group, ClassicMember member) {
        LOG.info("Member {} leaves group {}", member.memberId(), group.groupId());
        cancel(heartbeatKey(group, member.memberId()));
        group.completeJoin(member, joinError("", Errors.UNKNOWN_MEMBER_ID));
        group.remove(member.memberId());
    }

    // ---- admin and offsets ---------------------------------------------------------------------------------

    /** DescribeGroups for one group; empty when the coordinator has no membership state for it. */
    public CompletableFuture<Optional<DescribedGroup>> describe(String groupId) {
        return onThread(() -> {
            if (consumerGroups.group(groupId) != null) {
                // Kafka describes only classic groups here; the admin client then asks ConsumerGroupDescribe.
                return Optional.of(new DescribedGroup()
                        .setGroupId(groupId)
                        .setGroupState(GroupState.DEAD.kafkaName())
                        .setProtocolType("")
                        .setProtocolData("")
                        .setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                        .setErrorMessage(String.format("Group %s is not a classic group.", groupId)));
            }
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                return Optional.empty();
            }
            boolean stable = group.is(GroupState.STABLE);
            DescribedGroup described = new DescribedGroup()
                    .setGroupId(groupId)
                    .setGroupState(group.state().kafkaName())
                    .setProtocolType(group.protocolType() == null ? NO_PROTOCOL_TYPE : group.protocolType())
                    .setProtocolData(stable ? group.protocolName() : "");
            for (ClassicMember member : group.members()) {
                described
                        .members()
                        .add(new DescribedGroupMember()
                                .setMemberId(member.memberId())
                                .setGroupInstanceId(member.groupInstanceId())
                                .setClientId(member.clientId())
                                .setClientHost(member.clientHost())
                                .setMemberMetadata(stable ? member.metadata(group.protocolName()) : new byte[0])
                                .setMemberAssignment(member.assignment()));
            }
            return Optional.of(described);
        });
    }

    /**
     * ListGroups: the groups with membership state and those that only hold committed offsets (Empty, no
     * protocol type), filtered by state names and group types as Kafka does (case-insensitively).
     */
    public CompletableFuture<List<ListedGroup>> listGroups(Set<String> statesFilter, Set<String> typesFilter) {
        Set<String> states = lower(statesFilter);
        Set<String> types = lower(typesFilter);
        return store.groups()
                .thenCompose(stored -> onThread(() -> {
                    Map<String, ListedGroup> listed = new TreeMap<>();
                    for (String groupId : stored) {
                        listed.put(groupId, listed(groupId, GroupState.EMPTY, NO_PROTOCOL_TYPE));
                    }
                    groups.forEach((groupId, group) -> listed.put(
                            groupId,
                            listed(
                                    groupId,
                                    group.state(),
                                    group.protocolType() == null ? NO_PROTOCOL_TYPE : group.protocolType())));
                    consumerGroups
                            .groups()
                            .forEach((groupId, group) -> listed.put(
                                    groupId,
                                    new ListedGroup()
                                            .setGroupId(groupId)
                                            .setProtocolType(ConsumerProtocol.PROTOCOL_TYPE)
                                            .setGroupState(group.state().kafkaName())
                                            .setGroupType(GroupStateCodec.CONSUMER)));
                    return listed.values().stream()
                            .filter(group -> states.isEmpty()
                                    || states.contains(group.groupState().toLowerCase(Locale.ROOT)))
                            .filter(group -> types.isEmpty()
                                    || types.contains(group.groupType().toLowerCase(Locale.ROOT)))
                            .collect(Collectors.toList());
                }))
                .toCompletableFuture();
    }

    private static ListedGroup listed(String groupId, GroupState state, String protocolType) {
        return new ListedGroup()
                .setGroupId(groupId)
                .setProtocolType(protocolType)
                .setGroupState(state.kafkaName())
                .setGroupType("classic");
    }

    private static Set<String> lower(Set<String> values) {
        return values.stream()
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * Kafka's check of an OffsetCommit against the group's membership: {@code NONE} when the commit may be
     * stored, else its error; empty when the coordinator has no membership state for the group (the caller
     * decides from the stored offsets alone).
     */
    public CompletableFuture<Optional<Errors>> validateOffsetCommit(
            String groupId, String memberId, String groupInstanceId, int generationId) {
        return validateOffsetCommit(groupId, memberId, groupInstanceId, generationId, (short) 9, Map.of());
    }

    /**
     * As {@link #validateOffsetCommit(String, String, String, int)}, knowing the OffsetCommit version: a consumer
     * group's member commits with its member epoch ({@code STALE_MEMBER_EPOCH} otherwise) from version 9
     * ({@code UNSUPPORTED_VERSION} before), as in Kafka. An older epoch is accepted, as in Kafka 4.4, when the member
     * got every committed partition at that epoch or before and still holds it.
     *
     * @param partitions topic id → the partitions committed
     */
    public CompletableFuture<Optional<Errors>> validateOffsetCommit(
            String groupId,
            String memberId,
            String groupInstanceId,
            int generationId,
            short version,
            Map<Uuid, Set<Integer>> partitions) {
        return onThread(() -> {
            ConsumerGroup consumerGroup = consumerGroups.group(groupId);
            if (consumerGroup != null) {
                if (generationId < 0 && consumerGroup.isEmpty()) {
                    return Optional.of(Errors.NONE);
                }
                ConsumerGroupMember member = consumerGroup.member(memberId);
                if (member == null) {
                    return Optional.of(Errors.UNKNOWN_MEMBER_ID);
                }
                if (version < 9) {
                    return Optional.of(Errors.UNSUPPORTED_VERSION);
                }
                if (generationId == member.memberEpoch()) {
                    return Optional.of(Errors.NONE);
                }
                if (generationId > member.memberEpoch()) {
                    return Optional.of(Errors.STALE_MEMBER_EPOCH);
                }
                for (Map.Entry<Uuid, Set<Integer>> topic : partitions.entrySet()) {
                    for (int partition : topic.getValue()) {
                        Integer since = consumerGroup.assignmentEpoch(memberId, topic.getKey(), partition);
                        if (since == null || since > generationId) {
                            return Optional.of(Errors.STALE_MEMBER_EPOCH);
                        }
                    }
                }
                return Optional.of(Errors.NONE);
            }
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                return Optional.empty();
            }
            if (generationId < 0 && group.is(GroupState.EMPTY)) {
                return Optional.of(Errors.NONE);
            }
            if (generationId >= 0 || !memberId.isEmpty() || groupInstanceId != null) {
                Errors invalid = group.validateMember(memberId, groupInstanceId);
                if (invalid != Errors.NONE) {
                    return Optional.of(invalid);
                }
                if (generationId != group.generationId()) {
                    return Optional.of(Errors.ILLEGAL_GENERATION);
                }
            } else if (!group.is(GroupState.EMPTY)) {
                return Optional.of(Errors.UNKNOWN_MEMBER_ID);
            }
            if (group.is(GroupState.COMPLETING_REBALANCE)) {
                return Optional.of(Errors.REBALANCE_IN_PROGRESS);
            }
            return Optional.of(Errors.NONE);
        });
    }

    /**
     * Whether a group may lose its offsets or be deleted: {@code NON_EMPTY_GROUP} while it has members, else
     * {@code NONE}. {@code delete} also forgets the group's membership state, before the caller deletes the rest.
     */
    public CompletableFuture<Errors> checkEmpty(String groupId, boolean delete) {
        return onThread(() -> {
            ConsumerGroup consumerGroup = consumerGroups.group(groupId);
            if (consumerGroup != null) {
                if (!consumerGroup.isEmpty()) {
                    return Errors.NON_EMPTY_GROUP;
                }
                if (delete) {
                    consumerGroups.forget(groupId);
                }
                return Errors.NONE;
            }
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                return Errors.NONE;
            }
            if (!group.is(GroupState.EMPTY)) {
                return Errors.NON_EMPTY_GROUP;
            }
            if (delete) {
                groups.remove(groupId);
                cancel(joinKey(group));
                cancel(syncKey(group));
            }
            return Errors.NONE;
        });
    }

    /**
     * What OffsetDelete may do: {@code NON_EMPTY_GROUP} for a group with members that is not a consumer group;
     * else the topics its members subscribe to, whose offsets stay ({@code GROUP_SUBSCRIBED_TO_TOPIC}). Empty
     * when the coordinator has no membership state for the group.
     */
    public CompletableFuture<Optional<OffsetDeleteCheck>> offsetDeleteCheck(String groupId) {
        return onThread(() -> {
            ConsumerGroup consumerGroup = consumerGroups.group(groupId);
            if (consumerGroup != null) {
                return Optional.of(
                        new OffsetDeleteCheck(Errors.NONE, consumerGroups.subscribedTopicNames(consumerGroup)));
            }
            ClassicGroup group = groups.get(groupId);
            if (group == null) {
                return Optional.empty();
            }
            if (group.is(GroupState.EMPTY)) {
                return Optional.of(new OffsetDeleteCheck(Errors.NONE, Set.of()));
            }
            if (!ConsumerProtocol.PROTOCOL_TYPE.equals(group.protocolType())) {
                return Optional.of(new OffsetDeleteCheck(Errors.NON_EMPTY_GROUP, Set.of()));
            }
            Set<String> topics = new HashSet<>();
            for (ClassicMember member : group.members()) {
                String protocol = group.protocolName() != null
                        ? group.protocolName()
                        : member.protocols().get(0).name();
                try {
                    topics.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(member.metadata(protocol)))
                            .topics());
                } catch (RuntimeException e) {
                    LOG.debug("Unreadable subscription of member {} in group {}", member.memberId(), groupId, e);
                }
            }
            return Optional.of(new OffsetDeleteCheck(Errors.NONE, topics));
        });
    }

    /** The outcome of {@link #offsetDeleteCheck}. */
    public record OffsetDeleteCheck(Errors error, Set<String> subscribedTopics) {}

    /** Whether the coordinator holds membership state for the group. */
    public CompletableFuture<Boolean> knows(String groupId) {
        return onThread(() -> groups.containsKey(groupId) || consumerGroups.group(groupId) != null);
    }

    // ---- KIP-848 consumer groups ---------------------------------------------------------------------------

    /**
     * Kafka's ConsumerGroupHeartbeat, validated as Kafka validates it; errors (with Kafka's messages) are in the
     * response. The response waits until a changed group is saved.
     */
    public CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerGroupHeartbeat(
            ConsumerGroupHeartbeatRequestData request, String clientId, String clientHost, short version) {
        try {
            ConsumerGroupHeartbeatValidation.validate(request, version);
        } catch (org.apache.kafka.common.errors.ApiException e) {
            return CompletableFuture.completedFuture(ConsumerGroups.error(e));
        }
        return onThread(() -> consumerGroups.heartbeat(request, clientId, clientHost))
                .thenCompose(future -> future);
    }

    /** ConsumerGroupDescribe of the groups, in order; {@code GROUP_ID_NOT_FOUND} for those that are not. */
    public CompletableFuture<List<ConsumerGroupDescribeResponseData.DescribedGroup>> consumerGroupDescribe(
            List<String> groupIds, short version) {
        return onThread(() -> groupIds.stream()
                .map(groupId -> consumerGroups.describe(groupId, version >= 1))
                .collect(Collectors.toList()));
    }

    /**
     * OffsetFetch's check of a consumer group member (v9+): {@code UNKNOWN_MEMBER_ID}, {@code STALE_MEMBER_EPOCH}
     * or {@code NONE}; {@code NONE} when no member id is given with a negative epoch, or the group is not a
     * consumer group.
     */
    public CompletableFuture<Errors> validateOffsetFetch(String groupId, String memberId, int memberEpoch) {
        return onThread(() -> {
            ConsumerGroup group = consumerGroups.group(groupId);
            if (group == null || (memberId == null && memberEpoch < 0)) {
                return Errors.NONE;
            }
            ConsumerGroupMember member = group.member(memberId);
            if (member == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            return member.memberEpoch() == memberEpoch ? Errors.NONE : Errors.STALE_MEMBER_EPOCH;
        });
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private CompletableFuture<Void> save(ClassicGroup group) {
        return store.saveGroupState(group.groupId(), GroupStateCodec.encode(group))
                .toCompletableFuture()
                .whenComplete((saved, failure) -> {
                    if (failure != null) {
                        LOG.warn("Could not save group {}", group.groupId(), failure);
                    }
                });
    }

    private void scheduleHeartbeat(ClassicGroup group, ClassicMember member, long timeoutMs) {
        String memberId = member.memberId();
        schedule(heartbeatKey(group, memberId), timeoutMs, () -> heartbeatExpired(group, memberId));
    }

    private void scheduleHeartbeatOfPending(ClassicGroup group, String memberId, long timeoutMs) {
        schedule(heartbeatKey(group, memberId), timeoutMs, () -> heartbeatExpired(group, memberId));
    }

    private void schedule(String key, long delayMs, Runnable task) {
        cancel(key);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = thread.schedule(
                () -> {
                    if (timers.get(key) == self[0]) {
                        timers.remove(key);
                        task.run();
                    }
                },
                delayMs,
                TimeUnit.MILLISECONDS);
        timers.put(key, self[0]);
    }

    private void cancel(String key) {
        ScheduledFuture<?> timer = timers.remove(key);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String joinKey(ClassicGroup group) {
        return "join\u0000" + group.groupId();
    }

    private static String syncKey(ClassicGroup group) {
        return "sync\u0000" + group.groupId();
    }

    private static String heartbeatKey(ClassicGroup group, String memberId) {
        return "heartbeat\u0000" + group.groupId() + "\u0000" + memberId;
    }

    private <T> CompletableFuture<T> onThread(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }

    private static List<ClassicMember.Protocol> protocols(JoinGroupRequestData request) {
        List<ClassicMember.Protocol> protocols = new ArrayList<>();
        for (JoinGroupRequestProtocol protocol : request.protocols()) {
            protocols.add(new ClassicMember.Protocol(protocol.name(), protocol.metadata()));
        }
        return protocols;
    }

    private static JoinGroupResponseData joinResponse(
            ClassicGroup group, ClassicMember member, boolean withMembers, boolean skipAssignment) {
        return new JoinGroupResponseData()
                .setMembers(withMembers ? group.joinResponseMembers() : new ArrayList<>())
                .setMemberId(member.memberId())
                .setGenerationId(group.generationId())
                .setProtocolType(group.protocolType())
                .setProtocolName(group.protocolName())
                .setLeader(group.leaderId())
                .setSkipAssignment(skipAssignment);
    }

    private static JoinGroupResponseData joinError(String memberId, Errors error) {
        return new JoinGroupResponseData()
                .setMemberId(memberId)
                .setGenerationId(-1)
                .setProtocolName(null)
                .setProtocolType(null)
                .setLeader("")
                .setErrorCode(error.code());
    }

    private static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData()
                .setProtocolType(null)
                .setProtocolName(null)
                .setAssignment(new byte[0])
                .setErrorCode(error.code());
    }

    /**
     * Answers every request still waiting on a group ({@code NOT_COORDINATOR}), runs what is queued, drops the timers
     * and stops the coordinator thread. Group state stays as last saved.
     */
    @Override
    public void close() {
        try {
            onThread(() -> {
                        // Like a Kafka coordinator that resigns: whoever still waits is told to look elsewhere.
                        for (ClassicGroup group : groups.values()) {
                            for (ClassicMember member : List.copyOf(group.members())) {
                                group.completeJoin(member, joinError(member.memberId(), Errors.NOT_COORDINATOR));
                                member.completeSync(syncError(Errors.NOT_COORDINATOR));
                            }
                        }
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Could not answer the requests waiting on groups before closing", e);
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
