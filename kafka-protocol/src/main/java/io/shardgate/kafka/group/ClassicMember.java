package io.shardgate.kafka.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/** A member of a classic group: what it joined with, its assignment, and the responses it waits for. */
final class ClassicMember {

    /** A protocol the member supports, in its order of preference. */
    record Protocol(String name, byte[] metadata) {
        Protocol {
            Objects.requireNonNull(name, "name");
            metadata = metadata == null ? new byte[0] : metadata;
        }

        boolean sameAs(Protocol other) {
            return name.equals(other.name) && java.util.Arrays.equals(metadata, other.metadata);
        }
    }

    private String memberId;
    private final String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private final String protocolType;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<Protocol> protocols;
    private byte[] assignment = new byte[0];
    private CompletableFuture<JoinGroupResponseData> awaitingJoin;
    private CompletableFuture<SyncGroupResponseData> awaitingSync;
    private boolean isNew;

    ClassicMember(
            String memberId,
            String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            String protocolType,
            List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocolType = protocolType;
        this.protocols = List.copyOf(protocols);
    }

    String memberId() {
        return memberId;
    }

    String groupInstanceId() {
        return groupInstanceId;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    String protocolType() {
        return protocolType;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    List<Protocol> protocols() {
        return protocols;
    }

    byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] value) {
        assignment = value == null ? new byte[0] : value;
    }

    boolean isNew() {
        return isNew;
    }

    void isNew(boolean value) {
        isNew = value;
    }

    /** A static member taking over under a new member id keeps everything else. */
    void memberId(String value) {
        memberId = value;
    }

    void update(List<Protocol> newProtocols, int newRebalanceTimeoutMs, int newSessionTimeoutMs) {
        protocols = List.copyOf(newProtocols);
        rebalanceTimeoutMs = newRebalanceTimeoutMs;
        sessionTimeoutMs = newSessionTimeoutMs;
    }

    /** Whether the member joined with exactly these protocols, in this order. */
    boolean matches(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!protocols.get(i).sameAs(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The member's metadata for {@code protocol}. */
    byte[] metadata(String protocol) {
        for (Protocol candidate : protocols) {
            if (candidate.name().equals(protocol)) {
                return candidate.metadata();
            }
        }
        throw new IllegalArgumentException("member " + memberId + " does not support protocol " + protocol);
    }

    /** The first protocol of the member's preference among {@code candidates}. */
    String vote(Set<String> candidates) {
        for (Protocol candidate : protocols) {
            if (candidates.contains(candidate.name())) {
                return candidate.name();
            }
        }
        throw new IllegalArgumentException("member " + memberId + " supports none of " + candidates);
    }

    List<String> protocolNames() {
        List<String> names = new ArrayList<>();
        protocols.forEach(protocol -> names.add(protocol.name()));
        return names;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    /**
     * The JoinGroup response the member now waits for; {@code null}: none. A response it waited for before (a
     * request its client gave up on and sent again) is answered {@code REBALANCE_IN_PROGRESS}, never left open.
     */
    void awaitJoin(CompletableFuture<JoinGroupResponseData> future) {
        if (future != null && awaitingJoin != null && awaitingJoin != future) {
            awaitingJoin.complete(new JoinGroupResponseData()
                    .setMemberId(memberId)
                    .setLeader("")
                    .setProtocolName(null)
                    .setProtocolType(null)
                    .setErrorCode(Errors.REBALANCE_IN_PROGRESS.code()));
        }
        awaitingJoin = future;
    }

    /** The SyncGroup response the member now waits for; an older one is answered as in {@link #awaitJoin}. */
    void awaitSync(CompletableFuture<SyncGroupResponseData> future) {
        if (future != null && awaitingSync != null && awaitingSync != future) {
            awaitingSync.complete(new SyncGroupResponseData()
                    .setAssignment(new byte[0])
                    .setProtocolName(null)
                    .setProtocolType(null)
                    .setErrorCode(Errors.REBALANCE_IN_PROGRESS.code()));
        }
        awaitingSync = future;
    }

    /** Completes the pending JoinGroup response, if any; whether there was one. */
    boolean completeJoin(JoinGroupResponseData response) {
        if (awaitingJoin == null) {
            return false;
        }
        CompletableFuture<JoinGroupResponseData> future = awaitingJoin;
        awaitingJoin = null;
        future.complete(response);
        return true;
    }

    /** Completes the pending SyncGroup response, if any; whether there was one. */
    boolean completeSync(SyncGroupResponseData response) {
        if (awaitingSync == null) {
            return false;
        }
        CompletableFuture<SyncGroupResponseData> future = awaitingSync;
        awaitingSync = null;
        future.complete(response);
        return true;
    }
}
