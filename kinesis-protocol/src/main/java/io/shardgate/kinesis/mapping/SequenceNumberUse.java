package io.shardgate.kinesis.mapping;

import java.util.Objects;

/**
 * Where a client handed us a sequence number, for the wording of the errors: the request member, the operation, the
 * stream and the account, as AWS names them in its messages.
 *
 * @param parameter the request member, e.g. {@code StartingSequenceNumber}
 * @param operation the operation, e.g. {@code GetShardIterator}
 * @param streamName the stream the call addressed
 * @param accountId the account shown in messages
 */
public record SequenceNumberUse(String parameter, String operation, String streamName, String accountId) {
    public SequenceNumberUse {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** {@code StartingSequenceNumber} in {@code GetShardIterator}, the use whose texts ADR 0002 quotes. */
    public static SequenceNumberUse getShardIterator(String streamName, String accountId) {
        return new SequenceNumberUse("StartingSequenceNumber", "GetShardIterator", streamName, accountId);
    }

    /** {@code StartingPosition.SequenceNumber} in {@code SubscribeToShard}. */
    public static SequenceNumberUse subscribeToShard(String streamName, String accountId) {
        return new SequenceNumberUse("StartingSequenceNumber", "SubscribeToShard", streamName, accountId);
    }
}
