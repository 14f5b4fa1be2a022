package io.shardgate.store;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.record.TimestampType;

/**
 * The mutable part of a stream.
 *
 * @param status the life-cycle status shown to clients
 * @param retentionMs how long batches are kept after their append time; {@code -1} keeps them forever
 * @param retentionBytes how many bytes each shard keeps at least before its oldest batches are deleted (Kafka's
 *     {@code retention.bytes}); {@code -1}: no size limit
 * @param limitsProfile the name of the limits profile shared by both protocols (DESIGN.md D8)
 * @param maxRecordBytes the largest record the protocols accept on this stream
 * @param timestampType {@code LOG_APPEND_TIME} makes the store stamp each batch with its append time
 * @param configs per-protocol settings, keys prefixed by their owner ({@code kafka.}, {@code kinesis.});
 *     opaque to the store
 */
public record StreamSettings(
        StreamStatus status,
        long retentionMs,
        long retentionBytes,
        String limitsProfile,
        int maxRecordBytes,
        TimestampType timestampType,
        Map<String, String> configs) {

    /** Kinesis' default retention, 24 hours. */
    public static final long DEFAULT_RETENTION_MS = 24L * 60 * 60 * 1000;
    /** Kinesis' default record size limit, 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** The limits profile for local development: no budgets. */
    public static final String UNLIMITED = "unlimited";

    public StreamSettings {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(limitsProfile, "limitsProfile");
        Objects.requireNonNull(timestampType, "timestampType");
        if (retentionMs < -1) {
            throw new IllegalArgumentException("retentionMs must be -1 or >= 0: " + retentionMs);
        }
        if (retentionBytes < -1) {
            throw new IllegalArgumentException("retentionBytes must be -1 or >= 0: " + retentionBytes);
        }
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be > 0: " + maxRecordBytes);
        }
        if (timestampType == TimestampType.NO_TIMESTAMP_TYPE) {
            throw new IllegalArgumentException("timestampType must be CREATE_TIME or LOG_APPEND_TIME");
        }
        configs = Map.copyOf(configs);
    }

    /** Active, 24 hours, no size limit, unlimited, 1 MiB records, CreateTime, no configs. */
    public static StreamSettings defaults() {
        return new StreamSettings(
                StreamStatus.ACTIVE,
                DEFAULT_RETENTION_MS,
                -1,
                UNLIMITED,
                DEFAULT_MAX_RECORD_BYTES,
                TimestampType.CREATE_TIME,
                Map.of());
    }

    public StreamSettings withStatus(StreamStatus newStatus) {
        return new StreamSettings(
                newStatus, retentionMs, retentionBytes, limitsProfile, maxRecordBytes, timestampType, configs);
    }

    public StreamSettings withRetentionMs(long newRetentionMs) {
        return new StreamSettings(
                status, newRetentionMs, retentionBytes, limitsProfile, maxRecordBytes, timestampType, configs);
    }

    public StreamSettings withRetentionBytes(long newRetentionBytes) {
        return new StreamSettings(
                status, retentionMs, newRetentionBytes, limitsProfile, maxRecordBytes, timestampType, configs);
    }

    public StreamSettings withMaxRecordBytes(int newMaxRecordBytes) {
        return new StreamSettings(
                status, retentionMs, retentionBytes, limitsProfile, newMaxRecordBytes, timestampType, configs);
    }

    public StreamSettings withTimestampType(TimestampType newType) {
        return new StreamSettings(status, retentionMs, retentionBytes, limitsProfile, maxRecordBytes, newType, configs);
    }

    public StreamSettings withLimitsProfile(String newProfile) {
        return new StreamSettings(
                status, retentionMs, retentionBytes, newProfile, maxRecordBytes, timestampType, configs);
    }

    public StreamSettings withConfigs(Map<String, String> newConfigs) {
        return new StreamSettings(
                status, retentionMs, retentionBytes, limitsProfile, maxRecordBytes, timestampType, newConfigs);
    }
}
