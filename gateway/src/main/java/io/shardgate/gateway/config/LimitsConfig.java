package io.shardgate.gateway.config;

import java.util.Objects;

import io.shardgate.store.limits.KinesisQuotas;
import io.shardgate.store.limits.LimitsProfile;

/**
 * The limits profiles (DESIGN.md D8, ADR 0016). Every field is documented in {@code docs/configuration.md} under
 * {@code limits.}.
 *
 * @param defaultProfile the profile of new streams: {@code unlimited}, {@code kinesis-provisioned}, {@code
 *     kinesis-on-demand} or {@code msk}; a Kinesis one also turns on the account-wide control-plane rates and the shard
 *     quota
 * @param shardQuota the most open shards of all streams together under a Kinesis default profile (AWS's account
 *     quota, 500 in the large regions)
 */
public record LimitsConfig(String defaultProfile, int shardQuota) {

    public LimitsConfig {
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        if (LimitsProfile.find(defaultProfile).isEmpty()) {
            throw new IllegalArgumentException(
                    "defaultProfile must be one of unlimited, kinesis-provisioned, kinesis-on-demand, msk: "
                            + defaultProfile);
        }
        if (shardQuota < 1) {
            throw new IllegalArgumentException("shardQuota must be >= 1: " + shardQuota);
        }
    }

    /** {@code unlimited}, 500 shards. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(LimitsProfile.UNLIMITED.profileName(), KinesisQuotas.DEFAULT_SHARD_QUOTA);
    }
}
