package io.shardgate.kafka.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupMaxSizeReachedException;
import org.apache.kafka.common.errors.InvalidRegularExpression;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.shardgate.kafka.group.ConsumerGroup.TopicMetadata;
import io.shardgate.kafka.group.assignor.Assignment;
import io.shardgate.kafka.group.assignor.GroupSpec;
import io.shardgate.kafka.group.assignor.MemberSpec;
import io.shardgate.kafka.group.assignor.PartitionAssignor;
import io.shardgate.kafka.group.assignor.PartitionAssignors;
import io.shardgate.kafka.group.assignor.SubscriptionType;
import io.shardgate.kafka.group.assignor.TopicPartitions;
import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * The KIP-848 half of the {@link GroupCoordinator}: ConsumerGroupHeartbeat (join, heartbeat, leave, static members,
 * subscriptions by names and by RE2/J regular expression, server-side assignment, reconciliation), session and
 * rebalance timeouts, and the consumer groups' answers to the admin and offset APIs. Follows Kafka's
 * {@code GroupMetadataManager}: a member's heartbeat (1) updates the member and bumps the group epoch when its
 * subscription, its assignor or the subscribed topics' metadata changed, (2) computes a new target assignment when
 * the group epoch is ahead of it, (3) moves the member one step towards its target ({@link Reconciliation}).
 *
 * <p>Runs only on the coordinator thread (the caller's). A group is saved when its epochs, its target or a member's
 * epoch, state, assignment or subscription change, and the heartbeat's response waits for that save.
 */
final class ConsumerGroups {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroups.class);

    static final int LEAVE_GROUP_MEMBER_EPOCH = -1;
    static final int LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

    /** The coordinator's timers and the classic groups sharing the group id space. */
    interface Host {
        void schedule(String key, long delayMs, Runnable task);

        void cancel(String key);

        /** Whether a classic group of this id exists, and whether it has members. */
        ClassicGroup classicGroup(String groupId);

        /** Forgets an empty classic group that becomes a consumer group. */
        void dropClassicGroup(String groupId);
    }

    private final ShardStore store;
    private final GroupCoordinatorConfig config;
    private final Host host;
    private final Map<String, ConsumerGroup> groups = new HashMap<>();
    private final Map<String, Pattern> patterns = new HashMap<>();

    ConsumerGroups(ShardStore store, GroupCoordinatorConfig config, Host host) {
        this.store = store;
        this.config = config;
        this.host = host;
    }

    ConsumerGroup group(String groupId) {
        return groups.get(groupId);
    }

    Map<String, ConsumerGroup> groups() {
        return groups;
    }

    /** A group loaded from the store; its members' sessions start now. */
    void restore(ConsumerGroup group) {
        groups.put(group.groupId(), group);
        for (ConsumerGroupMember member : group.members()) {
            scheduleSessionTimeout(group, member.memberId());
            if (member.state() == MemberState.UNREVOKED_PARTITIONS) {
                scheduleRebalanceTimeout(group, member);
            }
        }
    }

    void forget(String groupId) {
        ConsumerGroup group = groups.remove(groupId);
        if (group != null) {
            for (ConsumerGroupMember member : group.members()) {
                host.cancel(sessionKey(group, member.memberId()));
                host.cancel(rebalanceKey(group, member.memberId()));
            }
        }
    }

    // ---- ConsumerGroupHeartbeat ----------------------------------------------------------------------------

    /** One heartbeat; the response waits until a changed group is saved. Errors are in the response. */
    CompletableFuture<ConsumerGroupHeartbeatResponseData> heartbeat(
            ConsumerGroupHeartbeatRequestData request, String clientId, String clientHost) {
        try {
            if (request.memberEpoch() == LEAVE_GROUP_MEMBER_EPOCH
                    || request.memberEpoch() == LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                return leave(request);
            }
            return join(request, clientId, clientHost);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(error(e));
        }
    }

    static ConsumerGroupHeartbeatResponseData error(ApiException e) {
        Errors error = Errors.forException(e);
        return new ConsumerGroupHeartbeatResponseData()
                .setErrorCode(error.code())
                .setErrorMessage(e.getMessage() == null ? error.message() : e.getMessage());
    }

    private CompletableFuture<ConsumerGroupHeartbeatResponseData> join(
            ConsumerGroupHeartbeatRequestData request, String clientId, String clientHost) {
        int epoch = request.memberEpoch();
        boolean create = epoch == 0;
        ConsumerGroup group = getOrMaybeCreate(request.groupId(), create);
        String memberId = request.memberId().isEmpty() ? Uuid.randomUuid().toString() : request.memberId();
        throwIfFull(group, request.memberId());
        Map<Uuid, Set<Integer>> owned = owned(request.topicPartitions());
        int sizeBefore = group.size();
        int groupEpochBefore = group.groupEpoch();
        int assignmentEpochBefore = group.assignmentEpoch();

        ConsumerGroupMember member;
        if (request.instanceId() == null) {
            member = group.member(memberId);
            if (member == null) {
                if (!create) {
                    throw new UnknownMemberIdException(
                            String.format("Member %s is not a member of group %s.", memberId, group.groupId()));
                }
                member = ConsumerGroupMember.joining(memberId);
                LOG.info("[GroupId {}] Member {} joins the consumer group.", group.groupId(), memberId);
            }
            throwIfEpochInvalid(member, epoch, owned);
        } else {
            member = staticMember(group, memberId, epoch, request.instanceId(), owned, create);
        }

        ConsumerGroupMember updated = member.toBuilder()
                .maybeInstanceId(request.instanceId())
                .maybeRackId(request.rackId())
                .maybeRebalanceTimeoutMs(request.rebalanceTimeoutMs())
                .maybeServerAssignor(request.serverAssignor())
                .maybeSubscribedTopicNames(request.subscribedTopicNames())
                .maybeSubscribedTopicRegex(request.subscribedTopicRegex())
                .client(clientId, clientHost)
                .build();
        if (updated.subscribedTopicRegex() != null
                && !updated.subscribedTopicRegex().equals(member.subscribedTopicRegex())) {
            pattern(updated.subscribedTopicRegex());
        }
        boolean bump = !group.hasMember(member.memberId())
                || !updated.subscribedTopicNames().equals(member.subscribedTopicNames())
                || !java.util.Objects.equals(updated.subscribedTopicRegex(), member.subscribedTopicRegex())
                || !java.util.Objects.equals(updated.serverAssignor(), member.serverAssignor());

        group.updateMember(updated);
        Map<String, TopicMetadata> metadata = subscriptionMetadata(group);
        if (!metadata.equals(group.subscriptionMetadata())) {
            bump = true;
            group.subscriptionMetadata(metadata);
        }
        if (bump) {
            group.groupEpoch(group.groupEpoch() + 1);
            LOG.info("[GroupId {}] Bumped group epoch to {}.", group.groupId(), group.groupEpoch());
        }
        if (group.groupEpoch() > group.assignmentEpoch()) {
            computeTargetAssignment(group);
        }

        ConsumerGroupMember reconciled = updated.isReconciledTo(group.assignmentEpoch())
                ? updated
                : Reconciliation.reconcile(
                        updated,
                        group.assignmentEpoch(),
                        group.targetAssignment(memberId),
                        group::partitionEpoch,
                        owned);
        if (!reconciled.equals(updated)) {
            group.updateMember(reconciled);
            if (reconciled.state() == MemberState.UNREVOKED_PARTITIONS) {
                scheduleRebalanceTimeout(group, reconciled);
            } else {
                host.cancel(rebalanceKey(group, memberId));
            }
        }
        scheduleSessionTimeout(group, memberId);

        ConsumerGroupHeartbeatResponseData response = new ConsumerGroupHeartbeatResponseData()
                .setMemberId(reconciled.memberId())
                .setMemberEpoch(reconciled.memberEpoch())
                .setHeartbeatIntervalMs(config.consumerHeartbeatIntervalMs());
        boolean fullRequest = epoch == 0
                || (request.rebalanceTimeoutMs() != -1
                        && (request.subscribedTopicNames() != null || request.subscribedTopicRegex() != null)
                        && request.topicPartitions() != null);
        if (fullRequest || !reconciled.assignedPartitions().equals(member.assignedPartitions())) {
            response.setAssignment(responseAssignment(reconciled));
        }
        boolean changed = !stateOf(reconciled).equals(stateOf(member))
                || group.size() != sizeBefore
                || group.groupEpoch() != groupEpochBefore
                || group.assignmentEpoch() != assignmentEpochBefore;
        return changed ? saveThen(group, response) : CompletableFuture.completedFuture(response);
    }

    /** What of a member is worth saving: everything but the client id and host of its last heartbeat. */
    private static ConsumerGroupMember stateOf(ConsumerGroupMember member) {
        return member.toBuilder().client("", "").build();
    }

    private ConsumerGroupMember staticMember(
            ConsumerGroup group,
            String memberId,
            int epoch,
            String instanceId,
            Map<Uuid, Set<Integer>> owned,
            boolean create) {
        ConsumerGroupMember existing = group.staticMember(instanceId);
        if (create) {
            if (existing == null) {
                LOG.info(
                        "[GroupId {}] Static member {} with instance id {} joins the consumer group.",
                        group.groupId(),
                        memberId,
                        instanceId);
                return ConsumerGroupMember.joining(memberId);
            }
            if (existing.memberEpoch() != LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                throw Errors.UNRELEASED_INSTANCE_ID.exception("Static member " + memberId + " with instance id "
                        + instanceId + " cannot join the group because the instance id is owned by "
                        + existing.memberId() + " member.");
            }
            // The static member comes back with a new member id and takes its place and its partitions.
            ConsumerGroupMember replacement = existing.toBuilder()
                    .memberId(memberId)
                    .memberEpoch(0)
                    .previousMemberEpoch(0)
                    .build();
            host.cancel(sessionKey(group, existing.memberId()));
            host.cancel(rebalanceKey(group, existing.memberId()));
            group.moveTargetAssignment(existing.memberId(), memberId);
            group.removeMember(existing.memberId());
            group.updateMember(replacement);
            LOG.info(
                    "[GroupId {}] Static member with instance id {} re-joins the consumer group as {}, replacing {}.",
                    group.groupId(),
                    instanceId,
                    memberId,
                    existing.memberId());
            return replacement;
        }
        if (existing == null) {
            throw Errors.UNKNOWN_MEMBER_ID.exception("Instance id " + instanceId + " is unknown.");
        }
        throwIfInstanceIdIsFenced(existing, memberId, instanceId);
        throwIfEpochInvalid(existing, epoch, owned);
        return existing;
    }

    private CompletableFuture<ConsumerGroupHeartbeatResponseData> leave(ConsumerGroupHeartbeatRequestData request) {
        ConsumerGroup group = existing(request.groupId());
        String memberId = request.memberId();
        ConsumerGroupHeartbeatResponseData response =
                new ConsumerGroupHeartbeatResponseData().setMemberId(memberId).setMemberEpoch(request.memberEpoch());
        ConsumerGroupMember member;
        if (request.instanceId() == null) {
            member = group.member(memberId);
            if (member == null) {
                throw new UnknownMemberIdException(
                        String.format("Member %s is not a member of group %s.", memberId, group.groupId()));
            }
            LOG.info("[GroupId {}] Member {} left the consumer group.", group.groupId(), memberId);
        } else {
            member = group.staticMember(request.instanceId());
            if (member == null) {
                throw Errors.UNKNOWN_MEMBER_ID.exception("Instance id " + request.instanceId() + " is unknown.");
            }
            throwIfInstanceIdIsFenced(member, memberId, request.instanceId());
            if (request.memberEpoch() == LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
                LOG.info(
                        "[GroupId {}] Static member {} with instance id {} temporarily left the consumer group.",
                        group.groupId(),
                        memberId,
                        request.instanceId());
                group.updateMember(member.toBuilder()
                        .memberEpoch(LEAVE_GROUP_STATIC_MEMBER_EPOCH)
                        .partitionsPendingRevocation(Map.of())
                        .build());
                host.cancel(rebalanceKey(group, memberId));
                return saveThen(
                        group,
                        new ConsumerGroupHeartbeatResponseData()
                                .setMemberId(memberId)
                                .setMemberEpoch(LEAVE_GROUP_STATIC_MEMBER_EPOCH));
            }
            LOG.info(
                    "[GroupId {}] Static member {} with instance id {} left the consumer group.",
                    group.groupId(),
                    memberId,
                    request.instanceId());
        }
        fence(group, member);
        return saveThen(group, response);
    }

    /** Removes a member; the group epoch is bumped so that the others get its partitions. */
    private void fence(ConsumerGroup group, ConsumerGroupMember member) {
        host.cancel(sessionKey(group, member.memberId()));
        host.cancel(rebalanceKey(group, member.memberId()));
        group.removeMember(member.memberId());
        group.subscriptionMetadata(subscriptionMetadata(group));
        group.groupEpoch(group.groupEpoch() + 1);
        LOG.info(
                "[GroupId {}] Removed member {}; group epoch bumped to {}.",
                group.groupId(),
                member.memberId(),
                group.groupEpoch());
    }

    private void fenceLater(ConsumerGroup group, String memberId, String why) {
        if (groups.get(group.groupId()) != group) {
            return;
        }
        ConsumerGroupMember member = group.member(memberId);
        if (member == null) {
            return;
        }
        LOG.info("[GroupId {}] Member {} fenced from the group because {}", group.groupId(), memberId, why);
        fence(group, member);
        save(group);
    }

    private void scheduleSessionTimeout(ConsumerGroup group, String memberId) {
        host.schedule(
                sessionKey(group, memberId),
                config.consumerSessionTimeoutMs(),
                () -> fenceLater(group, memberId, "the member session expired."));
    }

    private void scheduleRebalanceTimeout(ConsumerGroup group, ConsumerGroupMember member) {
        int epoch = member.memberEpoch();
        String memberId = member.memberId();
        host.schedule(rebalanceKey(group, memberId), Math.max(member.rebalanceTimeoutMs(), 0), () -> {
            ConsumerGroupMember now = group.member(memberId);
            if (now != null && now.memberEpoch() == epoch) {
                fenceLater(
                        group,
                        memberId,
                        "it failed to transition from epoch " + epoch + " within " + member.rebalanceTimeoutMs()
                                + "ms.");
            }
        });
    }

    // ---- group, member and epoch checks --------------------------------------------------------------------

    private ConsumerGroup getOrMaybeCreate(String groupId, boolean create) {
        ConsumerGroup group = groups.get(groupId);
        if (group != null) {
            return group;
        }
        ClassicGroup classic = host.classicGroup(groupId);
        if (!create) {
            if (classic != null) {
                throw new GroupIdNotFoundException(String.format("Group %s is not a consumer group.", groupId));
            }
            throw new GroupIdNotFoundException(String.format("Consumer group %s not found.", groupId));
        }
        if (classic != null) {
            if (!classic.is(GroupState.EMPTY)) {
                // Kafka's answer with group.consumer.migration.policy=disabled (docs/compatibility.md).
                throw new GroupIdNotFoundException(String.format(
                        "Cannot upgrade classic group %s to consumer group because online upgrade is disabled.",
                        groupId));
            }
            host.dropClassicGroup(groupId);
            LOG.info("[GroupId {}] Converted the empty classic group to a consumer group.", groupId);
        }
        group = new ConsumerGroup(groupId);
        groups.put(groupId, group);
        return group;
    }

    private ConsumerGroup existing(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null) {
            if (host.classicGroup(groupId) != null) {
                throw new GroupIdNotFoundException(String.format("Group %s is not a consumer group.", groupId));
            }
            throw new GroupIdNotFoundException(String.format("Group %s not found.", groupId));
        }
        return group;
    }

    private void throwIfFull(ConsumerGroup group, String memberId) {
        if (group.size() >= config.consumerMaxSize() && (memberId.isEmpty() || !group.hasMember(memberId))) {
            throw new GroupMaxSizeReachedException(
                    "The consumer group has reached its maximum capacity of " + config.consumerMaxSize() + " members.");
        }
    }

    private static void throwIfEpochInvalid(ConsumerGroupMember member, int received, Map<Uuid, Set<Integer>> owned) {
        if (received > member.memberEpoch()) {
            throw new FencedMemberEpochException("The consumer group member has a greater member epoch (" + received
                    + ") than the one known by the group coordinator (" + member.memberEpoch()
                    + "). The member must abandon all its partitions and rejoin.");
        }
        if (received < member.memberEpoch()
                && (received != member.previousMemberEpoch() || !isSubset(owned, member.assignedPartitions()))) {
            // A member one epoch behind that owns a subset of its assignment just lost the response that bumped it.
            throw new FencedMemberEpochException("The consumer group member has a smaller member epoch (" + received
                    + ") than the one known by the group coordinator (" + member.memberEpoch()
                    + "). The member must abandon all its partitions and rejoin.");
        }
    }

    private static boolean isSubset(Map<Uuid, Set<Integer>> owned, Map<Uuid, Set<Integer>> assigned) {
        if (owned == null) {
            return false;
        }
        for (Map.Entry<Uuid, Set<Integer>> entry : owned.entrySet()) {
            if (!assigned.getOrDefault(entry.getKey(), Set.of()).containsAll(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void throwIfInstanceIdIsFenced(ConsumerGroupMember member, String memberId, String instanceId) {
        if (!member.memberId().equals(memberId)) {
            throw Errors.FENCED_INSTANCE_ID.exception("Static member " + memberId + " with instance id " + instanceId
                    + " was fenced by member " + member.memberId() + ".");
        }
    }

    // ---- subscriptions and the target assignment -----------------------------------------------------------

    /** Compiles an RE2/J expression as Kafka does; {@code INVALID_REGULAR_EXPRESSION} when it does not compile. */
    private Pattern pattern(String regex) {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidRegularExpression(String.format(
                        "SubscribedTopicRegex `%s` is not a valid regular expression: %s.", regex, e.getDescription()));
            }
            patterns.put(regex, pattern);
        }
        return pattern;
    }

    /** The existing topics the members subscribe to, by name or by regular expression, from the store's catalog. */
    private Map<String, TopicMetadata> subscriptionMetadata(ConsumerGroup group) {
        Set<String> names = new HashSet<>();
        Set<Pattern> regexes = new HashSet<>();
        for (ConsumerGroupMember member : group.members()) {
            names.addAll(member.subscribedTopicNames());
            if (member.subscribedTopicRegex() != null) {
                regexes.add(pattern(member.subscribedTopicRegex()));
            }
        }
        Map<String, TopicMetadata> metadata = new TreeMap<>();
        if (names.isEmpty() && regexes.isEmpty()) {
            return metadata;
        }
        for (Stream stream : store.streams()) {
            if (names.contains(stream.name()) || matchesAny(regexes, stream.name())) {
                metadata.put(
                        stream.name(),
                        new TopicMetadata(
                                TopicMapping.topicId(stream),
                                stream.name(),
                                stream.shards().size()));
            }
        }
        return metadata;
    }

    private static boolean matchesAny(Set<Pattern> regexes, String topic) {
        for (Pattern regex : regexes) {
            if (regex.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** The names of the existing topics a member subscribes to. */
    private Set<String> subscribedTopics(ConsumerGroupMember member, Map<String, TopicMetadata> metadata) {
        Set<String> topics = new TreeSet<>();
        for (String name : member.subscribedTopicNames()) {
            if (metadata.containsKey(name)) {
                topics.add(name);
            }
        }
        if (member.subscribedTopicRegex() != null) {
            Pattern regex = pattern(member.subscribedTopicRegex());
            metadata.keySet().stream().filter(regex::matches).forEach(topics::add);
        }
        return topics;
    }

    /** The topics members subscribe to (by name or through their expressions) that exist now. */
    Set<String> subscribedTopicNames(ConsumerGroup group) {
        Set<String> topics = new TreeSet<>();
        for (ConsumerGroupMember member : group.members()) {
            topics.addAll(member.subscribedTopicNames());
            topics.addAll(subscribedTopics(member, group.subscriptionMetadata()));
        }
        return topics;
    }

    private void computeTargetAssignment(ConsumerGroup group) {
        Map<String, TopicMetadata> metadata = group.subscriptionMetadata();
        List<MemberSpec> specs = new ArrayList<>();
        for (ConsumerGroupMember member : group.members()) {
            Set<Uuid> topicIds = new HashSet<>();
            subscribedTopics(member, metadata)
                    .forEach(name -> topicIds.add(metadata.get(name).id()));
            specs.add(member.toSpec(topicIds, group.targetAssignment(member.memberId())));
        }
        Map<Uuid, Integer> counts = new HashMap<>();
        metadata.values().forEach(topic -> counts.put(topic.id(), topic.partitions()));
        String assignorName = group.preferredServerAssignor();
        PartitionAssignor assignor =
                PartitionAssignors.byName(assignorName).orElseGet(PartitionAssignors::defaultAssignor);
        int epoch = group.groupEpoch();
        Assignment assignment;
        try {
            assignment = assignor.assign(new GroupSpec(specs, subscriptionType(group)), TopicPartitions.of(counts));
        } catch (RuntimeException e) {
            throw new UnknownServerException(
                    String.format("Failed to compute a new target assignment for epoch %d: %s", epoch, e.getMessage()),
                    e);
        }
        group.targetAssignment(epoch, assignment.members());
        LOG.info(
                "[GroupId {}] Computed a new target assignment for epoch {} with '{}' assignor.",
                group.groupId(),
                epoch,
                assignorName);
    }

    /**
     * Kafka's subscription type, from topic names and expressions: homogeneous when every member subscribes to every
     * subscribed name and nobody uses an expression, or when all members share one expression and name no topic.
     */
    private static SubscriptionType subscriptionType(ConsumerGroup group) {
        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> byRegex = new HashMap<>();
        for (ConsumerGroupMember member : group.members()) {
            member.subscribedTopicNames().forEach(name -> byName.merge(name, 1, Integer::sum));
            if (member.subscribedTopicRegex() != null) {
                byRegex.merge(member.subscribedTopicRegex(), 1, Integer::sum);
            }
        }
        int members = group.size();
        if (byRegex.isEmpty()) {
            return byName.values().stream().allMatch(count -> count == members)
                    ? SubscriptionType.HOMOGENEOUS
                    : SubscriptionType.HETEROGENEOUS;
        }
        if (byRegex.size() == 1 && byRegex.values().iterator().next() == members && byName.isEmpty()) {
            return SubscriptionType.HOMOGENEOUS;
        }
        return SubscriptionType.HETEROGENEOUS;
    }

    // ---- responses and persistence -------------------------------------------------------------------------

    private static ConsumerGroupHeartbeatResponseData.Assignment responseAssignment(ConsumerGroupMember member) {
        List<ConsumerGroupHeartbeatResponseData.TopicPartitions> topics = new ArrayList<>();
        member.assignedPartitions()
                .forEach((topicId, partitions) -> topics.add(new ConsumerGroupHeartbeatResponseData.TopicPartitions()
                        .setTopicId(topicId)
                        .setPartitions(Partitions.list(partitions))));
        return new ConsumerGroupHeartbeatResponseData.Assignment().setTopicPartitions(topics);
    }

    private static Map<Uuid, Set<Integer>> owned(List<ConsumerGroupHeartbeatRequestData.TopicPartitions> topics) {
        if (topics == null) {
            return null;
        }
        Map<Uuid, Set<Integer>> owned = new HashMap<>();
        topics.forEach(topic ->
                owned.computeIfAbsent(topic.topicId(), id -> new HashSet<>()).addAll(topic.partitions()));
        return owned;
    }

    /** ConsumerGroupDescribe of one group. */
    ConsumerGroupDescribeResponseData.DescribedGroup describe(String groupId, boolean withMemberType) {
        ConsumerGroupDescribeResponseData.DescribedGroup described =
                new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId);
        ConsumerGroup group;
        try {
            group = existing(groupId);
        } catch (GroupIdNotFoundException e) {
            return described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage(e.getMessage());
        }
        described
                .setGroupState(group.state().kafkaName())
                .setGroupEpoch(group.groupEpoch())
                .setAssignmentEpoch(group.assignmentEpoch())
                .setAssignorName(group.preferredServerAssignor());
        for (ConsumerGroupMember member : group.members()) {
            ConsumerGroupDescribeResponseData.Member out = new ConsumerGroupDescribeResponseData.Member()
                    .setMemberId(member.memberId())
                    .setInstanceId(member.instanceId())
                    .setRackId(member.rackId())
                    .setMemberEpoch(member.memberEpoch())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopicNames()))
                    .setSubscribedTopicRegex(member.subscribedTopicRegex())
                    .setAssignment(describeAssignment(member.assignedPartitions()))
                    .setTargetAssignment(describeAssignment(group.targetAssignment(member.memberId())));
            if (withMemberType) {
                out.setMemberType((byte) 1);
            }
            described.members().add(out);
        }
        return described;
    }

    private ConsumerGroupDescribeResponseData.Assignment describeAssignment(Map<Uuid, Set<Integer>> partitions) {
        List<ConsumerGroupDescribeResponseData.TopicPartitions> topics = new ArrayList<>();
        partitions.forEach((topicId, set) -> store.stream(
                        new java.util.UUID(topicId.getMostSignificantBits(), topicId.getLeastSignificantBits()))
                .ifPresent(stream -> topics.add(new ConsumerGroupDescribeResponseData.TopicPartitions()
                        .setTopicId(topicId)
                        .setTopicName(stream.name())
                        .setPartitions(Partitions.list(set)))));
        return new ConsumerGroupDescribeResponseData.Assignment().setTopicPartitions(topics);
    }

    private <T> CompletableFuture<T> saveThen(ConsumerGroup group, T response) {
        return save(group).handle((saved, failure) -> {
            if (failure != null) {
                throw new UnknownServerException("could not save group " + group.groupId(), failure);
            }
            return response;
        });
    }

    CompletableFuture<Void> save(ConsumerGroup group) {
        return store.saveGroupState(group.groupId(), GroupStateCodec.encode(group))
                .toCompletableFuture()
                .whenComplete((saved, failure) -> {
                    if (failure != null) {
                        LOG.warn("Could not save consumer group {}", group.groupId(), failure);
                    }
                });
    }

    private static String sessionKey(ConsumerGroup group, String memberId) {
        return "consumer-session\u0000" + group.groupId() + "\u0000" + memberId;
    }

    private static String rebalanceKey(ConsumerGroup group, String memberId) {
        return "consumer-rebalance\u0000" + group.groupId() + "\u0000" + memberId;
    }
}
