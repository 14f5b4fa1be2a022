package io.shardgate.kinesis.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.MinimumThroughputBillingCommitmentOutput;

/**
 * The account's settings: its {@code MinimumThroughputBillingCommitment}, kept durably as the store-wide property
 * {@value #PROPERTY} (ADR 0017). A commitment runs at least {@link #MINIMUM_COMMITMENT} (24 hours): disabling it
 * earlier schedules the end at {@code EarliestAllowedEndAt} ({@code ENABLED_UNTIL_EARLIEST_ALLOWED_END}), enabling it
 * again before then cancels that. The scheduled end needs no timer: the stored state is read through {@link
 * Commitment#at(long)}, which turns a commitment whose earliest end has passed into {@code DISABLED}, ended then.
 */
final class AccountSettings {

    /** The store property holding the commitment, as JSON. */
    static final String PROPERTY = "kinesis.accountSettings";

    /** How long a commitment runs at least before it may end. */
    static final Duration MINIMUM_COMMITMENT = Duration.ofHours(24);

    static final String ENABLED = "ENABLED";
    static final String DISABLED = "DISABLED";
    static final String ENABLED_UNTIL_EARLIEST_ALLOWED_END = "ENABLED_UNTIL_EARLIEST_ALLOWED_END";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private AccountSettings() {}

    /**
     * A commitment as stored: its status and dates in epoch milliseconds (null when absent).
     *
     * @param status {@code ENABLED}, {@code DISABLED} or {@code ENABLED_UNTIL_EARLIEST_ALLOWED_END}
     * @param startedAtMs when the commitment in effect (or the last one) started
     * @param endedAtMs when the last commitment ended
     * @param earliestAllowedEndAtMs when the commitment may end at the earliest
     */
    record Commitment(
            @JsonProperty("status") String status,
            @JsonProperty("startedAtMs") Long startedAtMs,
            @JsonProperty("endedAtMs") Long endedAtMs,
            @JsonProperty("earliestAllowedEndAtMs") Long earliestAllowedEndAtMs) {

        /** An account that never had a commitment. */
        static final Commitment NONE = new Commitment(DISABLED, null, null, null);

        /** The commitment as it stands at {@code nowMs}: a scheduled end that has passed has happened. */
        Commitment at(long nowMs) {
            if (status.equals(ENABLED_UNTIL_EARLIEST_ALLOWED_END) && nowMs >= earliestAllowedEndAtMs) {
                return new Commitment(DISABLED, startedAtMs, earliestAllowedEndAtMs, earliestAllowedEndAtMs);
            }
            return this;
        }

        /** Whether warm throughput may be used: the commitment is in effect, ending or not. */
        boolean inEffect() {
            return !status.equals(DISABLED);
        }

        /** The commitment after UpdateAccountSettings asked for {@code desired} at {@code nowMs}. */
        Commitment update(String desired, long nowMs) {
            Commitment now = at(nowMs);
            if (desired.equals(ENABLED)) {
                return switch (now.status) {
                    case DISABLED -> new Commitment(ENABLED, nowMs, null, nowMs + MINIMUM_COMMITMENT.toMillis());
                    case ENABLED_UNTIL_EARLIEST_ALLOWED_END ->
                        new Commitment(ENABLED, now.startedAtMs, null, now.earliestAllowedEndAtMs);
                    default -> now;
                };
            }
            if (now.status.equals(ENABLED)) {
                return nowMs >= now.earliestAllowedEndAtMs
                        ? new Commitment(DISABLED, now.startedAtMs, nowMs, now.earliestAllowedEndAtMs)
                        : new Commitment(
                                ENABLED_UNTIL_EARLIEST_ALLOWED_END, now.startedAtMs, null, now.earliestAllowedEndAtMs);
            }
            return now;
        }

        /** The wire shape. */
        MinimumThroughputBillingCommitmentOutput output() {
            return new MinimumThroughputBillingCommitmentOutput(
                    status, instant(startedAtMs), instant(endedAtMs), instant(earliestAllowedEndAtMs));
        }

        private static Instant instant(Long ms) {
            return ms == null ? null : Instant.ofEpochMilli(ms);
        }
    }

    /** The commitment as it stands now, read from the store. */
    static CompletionStage<Commitment> commitment(KinesisServices services) {
        return services.store().property(PROPERTY).handle((stored, failure) -> {
            if (failure != null) {
                throw KinesisErrors.toKinesis(failure);
            }
            return stored.map(AccountSettings::decode)
                    .orElse(Commitment.NONE)
                    .at(services.clock().millis());
        });
    }

    /** Asks for the commitment {@code desired} in one atomic change of the store property; completes once durable. */
    static CompletionStage<Commitment> update(KinesisServices services, String desired) {
        long nowMs = services.clock().millis();
        return services.store()
                .alterProperty(
                        PROPERTY,
                        stored -> encode((stored == null ? Commitment.NONE : decode(stored)).update(desired, nowMs)))
                .handle((stored, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    return decode(stored.orElseThrow());
                });
    }

    static String encode(Commitment commitment) {
        try {
            return JSON.writeValueAsString(commitment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Commitment decode(String stored) {
        try {
            return JSON.readValue(stored, Commitment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable account settings: " + stored, e);
        }
    }
}
