package io.shardgate.kafka.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/**
 * A classic group as the store keeps it (CBOR): what Kafka's group metadata record holds, so that members resume
 * after a restart with their member ids, generation and assignments.
 */
final class GroupStateCodec {
    private GroupStateCodec() {}

    static final int VERSION = 1;

    private static final ObjectMapper CBOR = CBORMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record SavedMember(
            String memberId,
            String groupInstanceId,
            String clientId,
            String clientHost,
            int rebalanceTimeoutMs,
            int sessionTimeoutMs,
            byte[] subscription,
            byte[] assignment) {}

    record SavedGroup(
            int version,
            String type,
            String protocolType,
            int generation,
            String protocol,
            String leader,
            List<SavedMember> members) {}

    static byte[] encode(ClassicGroup group) {
        List<SavedMember> members = new ArrayList<>();
        for (ClassicMember member : group.members()) {
            members.add(new SavedMember(
                    member.memberId(),
                    member.groupInstanceId(),
                    member.clientId(),
                    member.clientHost(),
                    member.rebalanceTimeoutMs(),
                    member.sessionTimeoutMs(),
                    group.protocolName() == null ? new byte[0] : member.metadata(group.protocolName()),
                    member.assignment()));
        }
        try {
            return CBOR.writeValueAsBytes(new SavedGroup(
                    VERSION,
                    "classic",
                    group.protocolType(),
                    group.generationId(),
                    group.protocolName(),
                    group.leaderId(),
                    members));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClassicGroup decode(String groupId, byte[] bytes) {
        SavedGroup saved;
        try {
            saved = CBOR.readValue(bytes, SavedGroup.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable state of group " + groupId, e);
        }
        if (saved.version() != VERSION) {
            throw new IllegalStateException("group " + groupId + " was saved in format " + saved.version());
        }
        ClassicGroup group = new ClassicGroup(groupId);
        List<ClassicMember> members = new ArrayList<>();
        for (SavedMember member : saved.members()) {
            ClassicMember restored = new ClassicMember(
                    member.memberId(),
                    member.groupInstanceId(),
                    member.clientId(),
                    member.clientHost(),
                    member.rebalanceTimeoutMs(),
                    member.sessionTimeoutMs(),
                    saved.protocolType(),
                    List.of(new ClassicMember.Protocol(saved.protocol(), member.subscription())));
            restored.assignment(member.assignment());
            members.add(restored);
        }
        group.restore(saved.generation(), saved.protocolType(), saved.protocol(), saved.leader(), members);
        return group;
    }
}
