package io.shardgate.store.limits;

import java.util.Optional;

/**
 * A stream's limits profile (DESIGN.md D8), shared by both protocols and kept in its settings by name.
 *
 * <ul>
 *   <li>{@link #UNLIMITED}: no budget at all, the default for local development;
 *   <li>{@link #KINESIS_PROVISIONED}: Kinesis' per-shard budgets ({@link KinesisQuotas}): writes 1 MiB/s or 1,000
 *       records/s, reads 2 MiB/s and 5 calls/s, 5 iterator requests/s, 2 MiB/s per enhanced fan-out consumer;
 *   <li>{@link #KINESIS_ON_DEMAND}: the same per shard, plus the stream's on-demand capacity of 4 MiB/s or 4,000
 *       records/s of writes and 8 MiB/s of reads (without AWS's growth to twice the previous peak);
 *   <li>{@link #MSK}: as an Amazon MSK provisioned cluster, no per-partition budget and no control-plane rate
 *       (an MSK cluster's throughput is that of its brokers, which a local gateway does not imitate): today it
 *       throttles nothing, like {@code unlimited}, and names the intent; Kafka client quotas would attach here.
 * </ul>
 */
public enum LimitsProfile {
    UNLIMITED("unlimited"),
    KINESIS_PROVISIONED("kinesis-provisioned"),
    KINESIS_ON_DEMAND("kinesis-on-demand"),
    MSK("msk");

    private final String profileName;

    LimitsProfile(String profileName) {
        this.profileName = profileName;
    }

    /** The name kept in stream settings and configuration ({@code kinesis-provisioned}). */
    public String profileName() {
        return profileName;
    }

    /** Whether this profile has budgets: the Kinesis ones. Callers skip the ledger otherwise. */
    public boolean budgeted() {
        return this == KINESIS_PROVISIONED || this == KINESIS_ON_DEMAND;
    }

    /** The profile of this name, if there is one. Allocates nothing. */
    public static Optional<LimitsProfile> find(String name) {
        return Optional.ofNullable(lookUp(name));
    }

    /**
     * The profile of this name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static LimitsProfile of(String name) {
        LimitsProfile profile = lookUp(name);
        if (profile == null) {
            throw new IllegalArgumentException("unknown limits profile '" + name
                    + "' (known: unlimited, kinesis-provisioned, kinesis-on-demand," + " msk)");
        }
        return profile;
    }

    /**
     * Whether a stream whose settings name {@code name} has budgets; an unknown name (never stored: both protocols
     * validate it) has none. The hot paths' check: a string switch, no allocation, no lock.
     */
    public static boolean budgeted(String name) {
        LimitsProfile profile = lookUp(name);
        return profile != null && profile.budgeted();
    }

    private static LimitsProfile lookUp(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "unlimited" -> UNLIMITED;
            case "kinesis-provisioned" -> KINESIS_PROVISIONED;
            case "kinesis-on-demand" -> KINESIS_ON_DEMAND;
            case "msk" -> MSK;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return profileName;
    }
}
