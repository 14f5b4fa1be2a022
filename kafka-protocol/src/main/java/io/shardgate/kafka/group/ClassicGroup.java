package io.shardgate.kafka.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * One classic group's membership state machine, as Kafka's classic coordinator keeps it: members and their
 * protocols, the generation, the leader, the members still to join or to sync. Only the coordinator thread touches
 * it; the coordinator drives the transitions and the timers.
 */
final class ClassicGroup {

    private final String groupId;
    private GroupState state = GroupState.EMPTY;
    private GroupState previousState = GroupState.EMPTY;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, ClassicMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Set<String> pendingJoinMembers = new HashSet<>();
    private final Set<String> pendingSyncMembers = new HashSet<>();
    private final Map<String, Integer> supportedProtocols = new HashMap<>();
    private int awaitingJoin;
    private boolean newMemberAdded;

    ClassicGroup(String groupId) {
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    GroupState state() {
        return state;
    }

    GroupState previousState() {
        return previousState;
    }

    boolean is(GroupState candidate) {
        return state == candidate;
    }

    int generationId() {
        return generationId;
    }

    String protocolType() {
        return protocolType;
    }

    String protocolName() {
        return protocolName;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId != null && memberId.equals(leaderId);
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void newMemberAdded(boolean value) {
        newMemberAdded = value;
    }

    void transitionTo(GroupState next) {
        previousState = state;
        state = next;
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    ClassicMember member(String memberId) {
        return members.get(memberId);
    }

    Collection<ClassicMember> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    String staticMemberId(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    /** Restores a member saved with the group (coordinator start-up): no pending response, not new. */
    void restore(int generation, String type, String protocol, String leader, List<ClassicMember> restored) {
        generationId = generation;
        protocolType = type;
        protocolName = protocol;
        restored.forEach(member -> add(member, null));
        leaderId = leader != null && members.containsKey(leader) ? leader : leaderId;
        state = members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
        previousState = state;
    }

    void add(ClassicMember member, java.util.concurrent.CompletableFuture<JoinGroupResponseData> future) {
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        if (members.isEmpty()) {
            protocolType = member.protocolType();
        }
        if (leaderId == null) {
            leaderId = member.memberId();
        }
        members.put(member.memberId(), member);
        count(member, 1);
        member.awaitJoin(future);
        if (future != null) {
            awaitingJoin++;
        }
        pendingJoinMembers.remove(member.memberId());
    }

    /**
     * Removes a member. A response it still waits for is answered {@code UNKNOWN_MEMBER_ID} (a member that left while
     * its SyncGroup waited, say), so that no request is left unanswered.
     */
    void remove(String memberId) {
        ClassicMember removed = members.remove(memberId);
        if (removed != null) {
            count(removed, -1);
            if (removed.isAwaitingJoin()) {
                awaitingJoin--;
                removed.completeJoin(new JoinGroupResponseData()
                        .setMemberId("")
                        .setLeader("")
                        .setProtocolName(null)
                        .setProtocolType(null)
                        .setErrorCode(Errors.UNKNOWN_MEMBER_ID.code()));
            }
            removed.completeSync(new SyncGroupResponseData()
                    .setAssignment(new byte[0])
                    .setProtocolName(null)
                    .setProtocolType(null)
                    .setErrorCode(Errors.UNKNOWN_MEMBER_ID.code()));
            if (removed.isStatic()) {
                staticMembers.remove(removed.groupInstanceId());
            }
        }
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        pendingJoinMembers.remove(memberId);
        pendingSyncMembers.remove(memberId);
    }

    /** Updates a member that joins again; {@code future} null when it no longer waits. */
    void update(
            ClassicMember member,
            List<ClassicMember.Protocol> protocols,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            java.util.concurrent.CompletableFuture<JoinGroupResponseData> future) {
        count(member, -1);
        member.update(protocols, rebalanceTimeoutMs, sessionTimeoutMs);
        count(member, 1);
        if (future != null && !member.isAwaitingJoin()) {
            awaitingJoin++;
        } else if (future == null && member.isAwaitingJoin()) {
            awaitingJoin--;
        }
        member.awaitJoin(future);
    }

    /**
     * A static member that joins again without its member id takes over under {@code newMemberId}: whoever still
     * waits under the old id is fenced.
     */
    ClassicMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        ClassicMember member = members.remove(oldMemberId);
        if (member == null) {
            throw new IllegalStateException("no member " + oldMemberId + " to replace");
        }
        if (member.isAwaitingJoin()) {
            awaitingJoin--;
        }
        member.completeJoin(new JoinGroupResponseData()
                .setMemberId(oldMemberId)
                .setProtocolName(null)
                .setProtocolType(null)
                .setLeader("")
                .setErrorCode(Errors.FENCED_INSTANCE_ID.code()));
        member.completeSync(new SyncGroupResponseData()
                .setAssignment(new byte[0])
                .setProtocolName(null)
                .setProtocolType(null)
                .setErrorCode(Errors.FENCED_INSTANCE_ID.code()));
        member.memberId(newMemberId);
        members.put(newMemberId, member);
        if (isLeader(oldMemberId)) {
            leaderId = newMemberId;
        }
        pendingSyncMembers.remove(oldMemberId);
        staticMembers.put(groupInstanceId, newMemberId);
        return member;
    }

    boolean completeJoin(ClassicMember member, JoinGroupResponseData response) {
        if (member.completeJoin(response)) {
            awaitingJoin--;
            return true;
        }
        return false;
    }

    void addPendingMember(String memberId) {
        pendingJoinMembers.add(memberId);
    }

    boolean isPendingMember(String memberId) {
        return pendingJoinMembers.contains(memberId);
    }

    void addPendingSync(String memberId) {
        pendingSyncMembers.add(memberId);
    }

    void removePendingSync(String memberId) {
        pendingSyncMembers.remove(memberId);
    }

    Set<String> pendingSyncMembers() {
        return Set.copyOf(pendingSyncMembers);
    }

    void clearPendingSync() {
        pendingSyncMembers.clear();
    }

    boolean hasAllMembersJoined() {
        return members.size() == awaitingJoin && pendingJoinMembers.isEmpty();
    }

    int awaitingJoinCount() {
        return awaitingJoin;
    }

    /** Members that did not join again in this rebalance. */
    List<ClassicMember> notYetRejoined() {
        List<ClassicMember> late = new ArrayList<>();
        members.values().stream().filter(member -> !member.isAwaitingJoin()).forEach(late::add);
        return late;
    }

    /** The largest rebalance timeout of the members. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (ClassicMember member : members.values()) {
            max = Math.max(max, member.rebalanceTimeoutMs());
        }
        return max;
    }

    String newMemberId(String clientId, String groupInstanceId) {
        return (groupInstanceId != null ? groupInstanceId : clientId) + "-" + UUID.randomUUID();
    }

    /**
     * Kafka's member check: a static member's instance id must map to this member id ({@code FENCED_INSTANCE_ID}
     * otherwise, {@code UNKNOWN_MEMBER_ID} for an unknown instance id), and the member must exist.
     */
    Errors validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String existing = staticMembers.get(groupInstanceId);
            if (existing == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (!existing.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        return members.containsKey(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
    }

    /** Whether a member of this protocol type and these protocols can join. */
    boolean supportsProtocols(String memberProtocolType, List<ClassicMember.Protocol> protocols) {
        if (state == GroupState.EMPTY) {
            return !memberProtocolType.isEmpty() && !protocols.isEmpty();
        }
        return memberProtocolType.equals(protocolType)
                && protocols.stream()
                        .anyMatch(protocol -> supportedProtocols.getOrDefault(protocol.name(), 0) == members.size());
    }

    /** The protocol every member supports that most members prefer. */
    String selectProtocol() {
        Set<String> candidates = new HashSet<>();
        supportedProtocols.forEach((name, count) -> {
            if (count == members.size()) {
                candidates.add(name);
            }
        });
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (ClassicMember member : members.values()) {
            votes.merge(member.vote(candidates), 1, Integer::sum);
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow();
    }

    /** Keeps the leader if it joined again, else elects the first member that did; false if none did. */
    boolean electJoinedLeader() {
        if (leaderId == null) {
            return false;
        }
        if (members.get(leaderId).isAwaitingJoin()) {
            return true;
        }
        for (ClassicMember member : members.values()) {
            if (member.isAwaitingJoin()) {
                leaderId = member.memberId();
                return true;
            }
        }
        return false;
    }

    void initNextGeneration() {
        generationId++;
        if (!members.isEmpty()) {
            protocolName = selectProtocol();
            transitionTo(GroupState.COMPLETING_REBALANCE);
        } else {
            protocolName = null;
            transitionTo(GroupState.EMPTY);
        }
        pendingSyncMembers.clear();
    }

    /** The members as the leader's JoinGroup response lists them, with their metadata for the chosen protocol. */
    List<JoinGroupResponseMember> joinResponseMembers() {
        List<JoinGroupResponseMember> list = new ArrayList<>();
        for (ClassicMember member : members.values()) {
            list.add(new JoinGroupResponseMember()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setMetadata(member.metadata(protocolName)));
        }
        return list;
    }

    private void count(ClassicMember member, int delta) {
        for (ClassicMember.Protocol protocol : member.protocols()) {
            supportedProtocols.merge(protocol.name(), delta, Integer::sum);
        }
    }
}
