package io.shardgate.kinesis.operation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisRecords.Incoming;
import io.shardgate.kinesis.mapping.KinesisRecords.Outgoing;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.limits.LimitsProfile;

/**
 * The Kinesis face of the budget ledger (DESIGN.md D8, ADR 0016): which profile a new stream gets, the data-plane
 * checks and AWS's {@code ProvisionedThroughputExceededException} messages. Streams without budgets never reach the
 * ledger.
 */
final class Throttling {

    private Throttling() {}

    /**
     * The profile of a stream created through Kinesis in {@code mode}: the gateway's default, and when that is a Kinesis
     * profile, the one of the mode.
     */
    static String profileFor(KinesisServices services, String mode) {
        LimitsProfile profile = services.limits().defaultProfile();
        if (profile.budgeted()) {
            profile = mode.equals("ON_DEMAND") ? LimitsProfile.KINESIS_ON_DEMAND : LimitsProfile.KINESIS_PROVISIONED;
        }
        return profile.profileName();
    }

    /** The bytes a record costs of the write budget: its data and its partition key, as AWS counts them. */
    static long writeBytes(Outgoing record) {
        return record.data().length + keyBytes(record.partitionKey());
    }

    /** The bytes records read cost of a read budget: their data and partition keys. */
    static long readBytes(List<Incoming> records) {
        long bytes = 0;
        for (Incoming record : records) {
            bytes += record.data().remaining() + keyBytes(record.partitionKey());
        }
        return bytes;
    }

    private static int keyBytes(String partitionKey) {
        return partitionKey == null ? 0 : partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    /** GetShardIterator's 5 requests per second per shard. */
    static void iteratorCall(KinesisServices services, Stream stream, int shard) {
        if (Limits.budgeted(stream) && !services.limits().tryIteratorCall(stream, shard)) {
            throw shardRate(services, stream, shard);
        }
    }

    /** GetRecords' 5 calls per second per shard, refused too while the shard's reads are not paid off. */
    static void readCall(KinesisServices services, Stream stream, int shard) {
        if (Limits.budgeted(stream) && !services.limits().tryReadCall(stream, shard)) {
            throw new KinesisException(
                    KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED,
                    "Rate exceeded for Shard - " + services.accountId() + "/" + stream.name() + "/"
                            + SequenceNumbers.shardId(shard));
        }
    }

    /**
     * The account's shard quota under a Kinesis default profile: a request that would open {@code additional} more
     * shards than the quota allows, counting the open shards of every stream, is AWS's {@code LimitExceededException}.
     */
    static void shardQuota(KinesisServices services, long additional) {
        Limits limits = services.limits();
        if (additional <= 0 || !limits.defaultProfile().budgeted()) {
            return;
        }
        long open = 0;
        for (Stream stream : services.store().streams()) {
            open += stream.openShards().size();
        }
        if (open + additional > limits.shardQuota()) {
            throw new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "This request would exceed the shard limit for the account " + services.accountId() + " in "
                            + services.config().region() + ". Current shard count for the account: " + open
                            + ". Limit: " + limits.shardQuota()
                            + ". Number of additional shards that would have resulted from this request: "
                            + additional + ".");
        }
    }

    /** AWS's answer to a write (or iterator request) over a shard's budget. */
    static KinesisException shardRate(KinesisServices services, Stream stream, int shard) {
        return new KinesisException(
                KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED,
                "Rate exceeded for shard " + SequenceNumbers.shardId(shard) + " in stream " + stream.name()
                        + " under account " + services.accountId() + ".");
    }
}
