package io.shardgate.store.limits;

/**
 * The numbers of Kinesis Data Streams' quotas that the Kinesis profiles apply (BEHAVIOUR.md "Capacity"; the AWS
 * Kinesis API reference and developer guide). Named after the service they imitate; the ledger itself only knows
 * rates and bursts.
 */
public final class KinesisQuotas {

    private static final int MIB = 1024 * 1024;

    /** Writes per shard: 1 MiB of data and partition keys per second ... */
    public static final int SHARD_WRITE_BYTES_PER_SECOND = MIB;
    /** ... or 1,000 records per second, whichever is reached first. */
    public static final int SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
    /** Reads per shard: 2 MiB per second shared by every polling reader. */
    public static final int SHARD_READ_BYTES_PER_SECOND = 2 * MIB;
    /** Read calls per shard: 5 per second. */
    public static final int SHARD_READ_CALLS_PER_SECOND = 5;
    /** Iterator requests per shard: 5 per second. */
    public static final int SHARD_ITERATORS_PER_SECOND = 5;
    /** Enhanced fan-out: 2 MiB per second per consumer per shard. */
    public static final int SUBSCRIPTION_BYTES_PER_SECOND = 2 * MIB;
    /**
     * The largest read: after one this large, the shard's reads are paid off only after
     * {@value #LARGEST_READ_PENALTY_SECONDS} seconds, in which further read calls are refused.
     */
    public static final int LARGEST_READ_BYTES = 10 * MIB;
    /** {@link #LARGEST_READ_BYTES} at {@link #SHARD_READ_BYTES_PER_SECOND}. */
    public static final int LARGEST_READ_PENALTY_SECONDS = LARGEST_READ_BYTES / SHARD_READ_BYTES_PER_SECOND;
    /** On-demand streams start with 4 MiB per second of writes ... */
    public static final int ON_DEMAND_WRITE_BYTES_PER_SECOND = 4 * MIB;
    /** ... or 4,000 records per second ... */
    public static final int ON_DEMAND_WRITE_RECORDS_PER_SECOND = 4_000;
    /** ... and twice the write bytes for reads. */
    public static final int ON_DEMAND_READ_BYTES_PER_SECOND = 8 * MIB;
    /** The default shard quota of an account in the large regions (200 elsewhere). */
    public static final int DEFAULT_SHARD_QUOTA = 500;

    private KinesisQuotas() {}
}
