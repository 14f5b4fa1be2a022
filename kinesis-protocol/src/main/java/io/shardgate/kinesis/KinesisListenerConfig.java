package io.shardgate.kinesis;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Kinesis listener's settings, validated here; the gateway binds its {@code kinesis} section to this record. Every
 * field is documented in {@code docs/configuration.md} under {@code kinesis.}.
 *
 * @param host the address to bind
 * @param port the TCP port to bind; {@code 0} picks a free port
 * @param region the AWS region shown in stream ARNs
 * @param accountId the twelve-digit account shown in ARNs and error messages
 * @param maxRequestBytes the largest HTTP request body accepted; larger bodies get 413
 * @param statusDelayMs how long a stream stays {@code CREATING} (or {@code DELETING}) before it becomes
 *     {@code ACTIVE} (or is gone); {@code 0} makes the change at once
 * @param tls HTTPS with ALPN, or cleartext
 * @param subscriptionLifetimeMs how long a SubscribeToShard subscription lasts before its event stream ends cleanly
 *     (AWS: 5 minutes)
 * @param subscriptionHoldMs how long after a successful SubscribeToShard call another call for the same consumer and
 *     shard gets {@code ResourceInUseException}, even if the first subscription has ended (AWS: 5 seconds)
 */
public record KinesisListenerConfig(
        String host,
        int port,
        String region,
        String accountId,
        int maxRequestBytes,
        long statusDelayMs,
        KinesisTlsConfig tls,
        long subscriptionLifetimeMs,
        long subscriptionHoldMs) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4567;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    /**
     * The largest legal request body: a PutRecords call of 10 MiB of data and partition keys (or a PutRecord of one 10
     * MiB record) sent as base64 in JSON is about 13.4 MiB, and at most 14 MiB with 500 records whose partition keys
     * JSON escapes six-fold, hash keys and field names; 16 MiB leaves headroom (ADR 0015).
     */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    /** AWS takes seconds; half a second keeps clients that wait for ACTIVE honest without slowing tests. */
    public static final long DEFAULT_STATUS_DELAY_MS = 500;

    /** AWS ends every SubscribeToShard subscription after 5 minutes. */
    public static final long DEFAULT_SUBSCRIPTION_LIFETIME_MS = 5 * 60 * 1000;

    /** AWS refuses a SubscribeToShard call within 5 seconds of a successful one for the same consumer and shard. */
    public static final long DEFAULT_SUBSCRIPTION_HOLD_MS = 5 * 1000;

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public KinesisListenerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be an AWS region name like us-east-1: " + region);
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be twelve digits: " + accountId);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be >= 1024: " + maxRequestBytes);
        }
        if (statusDelayMs < 0) {
            throw new IllegalArgumentException("statusDelayMs must be >= 0: " + statusDelayMs);
        }
        if (subscriptionLifetimeMs < 1) {
            throw new IllegalArgumentException("subscriptionLifetimeMs must be >= 1: " + subscriptionLifetimeMs);
        }
        if (subscriptionHoldMs < 0) {
            throw new IllegalArgumentException("subscriptionHoldMs must be >= 0: " + subscriptionHoldMs);
        }
    }

    /** Cleartext settings with the given essentials. */
    public KinesisListenerConfig(
            String host, int port, String region, String accountId, int maxRequestBytes, long statusDelayMs) {
        this(
                host,
                port,
                region,
                accountId,
                maxRequestBytes,
                statusDelayMs,
                KinesisTlsConfig.disabled(),
                DEFAULT_SUBSCRIPTION_LIFETIME_MS,
                DEFAULT_SUBSCRIPTION_HOLD_MS);
    }

    /** These settings with another subscription lifetime. */
    public KinesisListenerConfig withSubscriptionLifetimeMs(long newLifetimeMs) {
        return new KinesisListenerConfig(
                host, port, region, accountId, maxRequestBytes, statusDelayMs, tls, newLifetimeMs, subscriptionHoldMs);
    }

    /** These settings with another subscription hold. */
    public KinesisListenerConfig withSubscriptionHoldMs(long newHoldMs) {
        return new KinesisListenerConfig(
                host, port, region, accountId, maxRequestBytes, statusDelayMs, tls, subscriptionLifetimeMs, newHoldMs);
    }

    /**
     * 127.0.0.1:4567, us-east-1, account 000000000000, 8 MiB requests, 500 ms status changes, no TLS, 5-minute
     * subscriptions held 5 seconds.
     */
    public static KinesisListenerConfig defaults() {
        return new KinesisListenerConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                DEFAULT_REGION,
                DEFAULT_ACCOUNT_ID,
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_STATUS_DELAY_MS);
    }
}
