package io.shardgate.kinesis.operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.WarmThroughputObject;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.StreamStatus;

/**
 * The warm throughput of on-demand streams (ADR 0017), kept in the stream's configs: the target asked for by
 * CreateStream, UpdateStreamMode or UpdateStreamWarmThroughput, under the account's commitment in effect then. It is
 * shown only while the stream is {@code ON_DEMAND} and that same commitment is in effect, as AWS shows {@code
 * WarmThroughput} only for on-demand streams of committed accounts. {@code CurrentMiBps} is what the stream is scaled
 * to: absent while it is {@code CREATING}, the previous value while UpdateStreamWarmThroughput holds it {@code
 * UPDATING} (for {@code kinesis.statusDelayMs}), the target otherwise. Nothing is throttled by it (D8 limits profiles
 * decide throughput).
 */
final class WarmThroughput {

    /** The target in MiB/s. */
    static final String TARGET_CONFIG = "kinesis.warmThroughputMiBps";

    /** The {@code StartedAt} (epoch ms) of the commitment the target was set under. */
    static final String COMMITMENT_CONFIG = "kinesis.warmThroughputCommitment";

    /** What {@code CurrentMiBps} was when the update in progress started; absent when there was none. */
    static final String FROM_CONFIG = "kinesis.warmThroughputFromMiBps";

    /** The claim token of the update in progress, equal to {@link Resharding#CLAIM_CONFIG} while it holds the stream. */
    static final String CLAIM_CONFIG = "kinesis.warmThroughputClaim";

    static final List<String> CONFIGS = List.of(TARGET_CONFIG, COMMITMENT_CONFIG, FROM_CONFIG, CLAIM_CONFIG);

    /** The most an on-demand stream may be scaled to by default: 10 GiB/s. */
    static final int MAX_MIBPS = 10 * 1024;

    private WarmThroughput() {}

    /** Whether the stream may show a warm throughput: it is on-demand and has a target (no store read otherwise). */
    static boolean recorded(Stream stream) {
        return "ON_DEMAND".equals(Streams.mode(stream))
                && stream.settings().configs().containsKey(TARGET_CONFIG);
    }

    /** {@code WarmThroughput} as DescribeStreamSummary shows it, or null when the stream has none to show. */
    static WarmThroughputObject show(StreamSettings settings, AccountSettings.Commitment commitment) {
        Map<String, String> configs = settings.configs();
        String target = configs.get(TARGET_CONFIG);
        if (target == null
                || !"ON_DEMAND".equals(configs.get(Streams.MODE_CONFIG))
                || !commitment.inEffect()
                || !String.valueOf(commitment.startedAtMs()).equals(configs.get(COMMITMENT_CONFIG))) {
            return null;
        }
        Integer current;
        String claim = configs.get(CLAIM_CONFIG);
        if (settings.status() == StreamStatus.CREATING) {
            current = null;
        } else if (settings.status() == StreamStatus.UPDATING
                && claim != null
                && claim.equals(configs.get(Resharding.CLAIM_CONFIG))) {
            String from = configs.get(FROM_CONFIG);
            current = from == null ? null : Integer.valueOf(from);
        } else {
            current = Integer.valueOf(target);
        }
        return new WarmThroughputObject(Integer.valueOf(target), current);
    }

    /** Records {@code mibps} as the target under {@code commitment}, replacing any earlier warm throughput. */
    static void record(Map<String, String> configs, int mibps, AccountSettings.Commitment commitment) {
        remove(configs);
        configs.put(TARGET_CONFIG, Integer.toString(mibps));
        configs.put(COMMITMENT_CONFIG, String.valueOf(commitment.startedAtMs()));
    }

    static void remove(Map<String, String> configs) {
        CONFIGS.forEach(configs::remove);
    }

    /**
     * The configs change for a {@code WarmThroughputMiBps} given with a stream mode (CreateStream, UpdateStreamMode):
     * none when absent, else the target recorded, after checking that the mode is {@code ON_DEMAND}, the amount within
     * the limit and the account's commitment in effect.
     *
     * @throws KinesisException {@code InvalidArgumentException} or {@code LimitExceededException}, at once or in the
     *     stage
     */
    static CompletionStage<Consumer<Map<String, String>>> forMode(
            KinesisServices services, String mode, Integer mibps) {
        if (mibps == null) {
            return CompletableFuture.completedFuture(configs -> {});
        }
        if (!mode.equals("ON_DEMAND")) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "WarmThroughputMiBps can only be specified for a stream in ON_DEMAND mode.");
        }
        checkLimit(mibps);
        return AccountSettings.commitment(services).thenApply(commitment -> {
            requireCommitment(services, commitment);
            return configs -> record(configs, mibps, commitment);
        });
    }

    /**
     * Refuses a stream that is not on-demand.
     *
     * @throws KinesisException {@code ValidationException}
     */
    static void requireOnDemand(KinesisServices services, Stream stream) {
        if (!"ON_DEMAND".equals(Streams.mode(stream))) {
            throw new KinesisException(
                    KinesisError.VALIDATION,
                    "Stream " + stream.name() + " under account " + services.accountId() + " is in "
                            + Streams.mode(stream) + " mode: warm throughput is only supported for streams in"
                            + " ON_DEMAND mode.");
        }
    }

    /**
     * Refuses an amount above the default limit.
     *
     * @throws KinesisException {@code LimitExceededException}
     */
    static void checkLimit(int mibps) {
        if (mibps > MAX_MIBPS) {
            throw new KinesisException(
                    KinesisError.LIMIT_EXCEEDED,
                    "WarmThroughputMiBps " + mibps + " exceeds the limit of " + MAX_MIBPS
                            + " MiBps for an on-demand stream.");
        }
    }

    /**
     * Refuses warm throughput in an account without a commitment in effect.
     *
     * @throws KinesisException {@code InvalidArgumentException}
     */
    static void requireCommitment(KinesisServices services, AccountSettings.Commitment commitment) {
        if (!commitment.inEffect()) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account "
                            + services.accountId() + ".");
        }
    }
}
