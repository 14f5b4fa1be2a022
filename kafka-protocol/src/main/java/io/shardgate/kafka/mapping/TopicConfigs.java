package io.shardgate.kafka.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.record.TimestampType;

import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

/**
 * Kafka topic configs ⇄ stream settings (DESIGN.md D3). {@code retention.ms}, {@code max.message.bytes} and {@code
 * message.timestamp.type} live in {@link StreamSettings}' own fields (the store acts on them); every other known
 * config is kept, when set, in the settings' configs map under {@code kafka.<name>}. Names and defaults are Apache
 * Kafka 4.x's; unknown names and malformed values fail with {@link InvalidConfigurationException}.
 *
 * <p>One config is the gateway's own: {@value #LIMITS_PROFILE}, the stream's limits profile (DESIGN.md D8, ADR 0016),
 * kept in {@link StreamSettings#limitsProfile()}. Its default is the gateway's {@code limits.defaultProfile}. So that a
 * topic described by a gateway without limits lists exactly Apache Kafka's configs, it is listed only when the topic's
 * profile is not {@code unlimited} or was set, or when asked for by name.
 */
public final class TopicConfigs {

    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String SEGMENT_BYTES = "segment.bytes";
    /** The stream's limits profile (D8): {@code unlimited}, {@code kinesis-provisioned}, … */
    public static final String LIMITS_PROFILE = "shardgate.limits.profile";
    /** The prefix of Kafka configs in {@link StreamSettings#configs()}. */
    public static final String PREFIX = "kafka.";

    /** Kafka's default for {@code retention.ms}: 7 days. */
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /** Kafka's default for {@code max.message.bytes}: 1 MiB plus the 12-byte log overhead. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

    private enum Kind {
        LONG,
        INT,
        BOOLEAN,
        DOUBLE,
        STRING,
        LIST
    }

    private record Definition(String name, String defaultValue, Kind kind, long min, Set<String> choices) {}

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    static {
        String max = String.valueOf(Long.MAX_VALUE);
        define("cleanup.policy", "delete", Kind.LIST, 0, Set.of("delete", "compact"));
        define("compression.gzip.level", "-1", Kind.INT, -1, Set.of());
        define("compression.lz4.level", "9", Kind.INT, 1, Set.of());
        define(
                "compression.type",
                "producer",
                Kind.STRING,
                0,
                Set.of("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"));
        define("compression.zstd.level", "3", Kind.INT, Integer.MIN_VALUE, Set.of());
        define("delete.retention.ms", "86400000", Kind.LONG, 0, Set.of());
        define("errors.deadletterqueue.group.enable", "false", Kind.BOOLEAN, 0, Set.of());
        define("file.delete.delay.ms", "60000", Kind.LONG, 0, Set.of());
        define("flush.messages", max, Kind.LONG, 1, Set.of());
        define("flush.ms", max, Kind.LONG, 0, Set.of());
        define("follower.replication.throttled.replicas", "", Kind.LIST, 0, Set.of());
        define("index.interval.bytes", "4096", Kind.INT, 0, Set.of());
        define("leader.replication.throttled.replicas", "", Kind.LIST, 0, Set.of());
        define("local.retention.bytes", "-2", Kind.LONG, -2, Set.of());
        define("local.retention.ms", "-2", Kind.LONG, -2, Set.of());
        define("max.compaction.lag.ms", max, Kind.LONG, 1, Set.of());
        define("max.decompressed.message.bytes", "2147483639", Kind.INT, 1, Set.of());
        define(MAX_MESSAGE_BYTES, String.valueOf(DEFAULT_MAX_MESSAGE_BYTES), Kind.INT, 1, Set.of());
        define("message.timestamp.after.max.ms", "3600000", Kind.LONG, 0, Set.of());
        define("message.timestamp.before.max.ms", max, Kind.LONG, 0, Set.of());
        define(TIMESTAMP_TYPE, "CreateTime", Kind.STRING, 0, Set.of("CreateTime", "LogAppendTime"));
        define("min.cleanable.dirty.ratio", "0.5", Kind.DOUBLE, 0, Set.of());
        define("min.compaction.lag.ms", "0", Kind.LONG, 0, Set.of());
        define("min.insync.replicas", "1", Kind.INT, 1, Set.of());
        define("preallocate", "false", Kind.BOOLEAN, 0, Set.of());
        define("remote.copy.lag.bytes", "-1", Kind.LONG, -1, Set.of());
        define("remote.copy.lag.ms", "0", Kind.LONG, -1, Set.of());
        define("remote.log.copy.disable", "false", Kind.BOOLEAN, 0, Set.of());
        define("remote.log.delete.on.disable", "false", Kind.BOOLEAN, 0, Set.of());
        define("remote.storage.enable", "false", Kind.BOOLEAN, 0, Set.of());
        define(RETENTION_BYTES, "-1", Kind.LONG, Long.MIN_VALUE, Set.of());
        define(RETENTION_MS, String.valueOf(DEFAULT_RETENTION_MS), Kind.LONG, -1, Set.of());
        define(SEGMENT_BYTES, "1073741824", Kind.INT, 1024 * 1024, Set.of());
        define("segment.index.bytes", "10485760", Kind.INT, 4, Set.of());
        define("segment.jitter.ms", "0", Kind.LONG, 0, Set.of());
        define("segment.ms", "604800000", Kind.LONG, 1, Set.of());
        define(
                LIMITS_PROFILE,
                LimitsProfile.UNLIMITED.profileName(),
                Kind.STRING,
                0,
                Set.of(
                        LimitsProfile.UNLIMITED.profileName(),
                        LimitsProfile.KINESIS_PROVISIONED.profileName(),
                        LimitsProfile.KINESIS_ON_DEMAND.profileName(),
                        LimitsProfile.MSK.profileName()));
        define("unclean.leader.election.enable", "false", Kind.BOOLEAN, 0, Set.of());
    }

    private static void define(String name, String defaultValue, Kind kind, long min, Set<String> choices) {
        DEFINITIONS.put(name, new Definition(name, defaultValue, kind, min, choices));
    }

    private TopicConfigs() {}

    /** One config as a topic shows it. */
    public record Value(String name, String value, boolean isDefault) {}

    /** Every known topic config name, sorted. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(DEFINITIONS.keySet());
        Collections.sort(names);
        return names;
    }

    /** The {@code DescribeConfigs} config type id of a known config. */
    public static byte configType(String name) {
        return switch (definition(name).kind()) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case LONG -> 5;
            case DOUBLE -> 6;
            case LIST -> 7;
        };
    }

    /** Whether the name is a known topic config. */
    public static boolean isKnown(String name) {
        return DEFINITIONS.containsKey(name);
    }

    /** Kafka's default value of a known config. */
    public static String defaultValue(String name) {
        return definition(name).defaultValue();
    }

    /**
     * Every known config of a stream, sorted by name; {@value #LIMITS_PROFILE} only when it is not a default {@code
     * unlimited}.
     */
    public static List<Value> describe(StreamSettings settings) {
        return describe(settings, false);
    }

    /** Every known config of a stream, sorted by name; {@value #LIMITS_PROFILE} always when {@code allNames}. */
    public static List<Value> describe(StreamSettings settings, boolean allNames) {
        List<Value> values = new ArrayList<>();
        for (String name : names()) {
            Value value = value(settings, name);
            if (allNames
                    || !name.equals(LIMITS_PROFILE)
                    || !value.isDefault()
                    || !value.value().equals(LimitsProfile.UNLIMITED.profileName())) {
                values.add(value);
            }
        }
        return values;
    }

    /** One config of a stream. */
    public static Value value(StreamSettings settings, String name) {
        Definition definition = definition(name);
        String value =
                switch (name) {
                    case RETENTION_MS -> String.valueOf(settings.retentionMs());
                    case RETENTION_BYTES -> String.valueOf(settings.retentionBytes());
                    case MAX_MESSAGE_BYTES -> String.valueOf(settings.maxRecordBytes());
                    case TIMESTAMP_TYPE -> settings.timestampType().toString();
                    case LIMITS_PROFILE -> settings.limitsProfile();
                    default -> settings.configs().getOrDefault(PREFIX + name, definition.defaultValue());
                };
        boolean isDefault =
                switch (name) {
                    // Mapped onto stream settings; explicitly set ones are also marked in the configs, as Kafka
                    // reports a config set to its default value as set.
                    case LIMITS_PROFILE -> !settings.configs().containsKey(PREFIX + name);
                    case RETENTION_MS, RETENTION_BYTES, MAX_MESSAGE_BYTES, TIMESTAMP_TYPE ->
                        value.equals(definition.defaultValue())
                                && !settings.configs().containsKey(PREFIX + name);
                    default -> !settings.configs().containsKey(PREFIX + name);
                };
        return new Value(name, value, isDefault);
    }

    /** New stream settings for a Kafka topic: Kafka's defaults, then {@code configs}; no limits by default. */
    public static StreamSettings forNewTopic(Map<String, String> configs) {
        return forNewTopic(configs, LimitsProfile.UNLIMITED);
    }

    /** New stream settings for a Kafka topic: Kafka's defaults and {@code defaultProfile}, then {@code configs}. */
    public static StreamSettings forNewTopic(Map<String, String> configs, LimitsProfile defaultProfile) {
        StreamSettings settings = StreamSettings.defaults()
                .withRetentionMs(DEFAULT_RETENTION_MS)
                .withMaxRecordBytes(DEFAULT_MAX_MESSAGE_BYTES)
                .withLimitsProfile(defaultProfile.profileName());
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        configs.forEach((name, value) -> changes.put(name, Optional.ofNullable(value)));
        return apply(settings, changes, defaultProfile);
    }

    /**
     * The settings with each named config set to its value, or reset to Kafka's default when the value is empty.
     * Pure: safe inside {@code ShardStore.alterStream}.
     *
     * @throws InvalidConfigurationException for an unknown name or a malformed value
     */
    public static StreamSettings apply(StreamSettings settings, Map<String, Optional<String>> changes) {
        return apply(settings, changes, LimitsProfile.UNLIMITED);
    }

    /**
     * As {@link #apply(StreamSettings, Map)}, with {@code defaultProfile} as the default of {@value #LIMITS_PROFILE}.
     */
    public static StreamSettings apply(
            StreamSettings settings, Map<String, Optional<String>> changes, LimitsProfile defaultProfile) {
        StreamSettings result = settings;
        Map<String, String> configs = new HashMap<>(settings.configs());
        for (Map.Entry<String, Optional<String>> change : changes.entrySet()) {
            String name = change.getKey();
            Definition definition = definition(name);
            String fallback = name.equals(LIMITS_PROFILE) ? defaultProfile.profileName() : definition.defaultValue();
            String value = change.getValue().map(v -> validate(definition, v)).orElse(fallback);
            if (change.getValue().isPresent()) {
                configs.put(PREFIX + name, value);
            } else {
                configs.remove(PREFIX + name);
            }
            switch (name) {
                case RETENTION_MS -> result = result.withRetentionMs(Long.parseLong(value));
                case RETENTION_BYTES -> result = result.withRetentionBytes(Math.max(-1, Long.parseLong(value)));
                case MAX_MESSAGE_BYTES -> result = result.withMaxRecordBytes(Integer.parseInt(value));
                case TIMESTAMP_TYPE -> result = result.withTimestampType(TimestampType.forName(value));
                case LIMITS_PROFILE -> result = result.withLimitsProfile(value);
                default -> {
                    // kept in the configs only
                }
            }
        }
        return result.withConfigs(configs);
    }

    /** The shortest retention of a Kinesis-origin stream: 24 hours (DESIGN.md D7). */
    public static final long KINESIS_MIN_RETENTION_MS = 24L * 60 * 60 * 1000;
    /** The longest retention of a Kinesis-origin stream: 8,760 hours (DESIGN.md D7). */
    public static final long KINESIS_MAX_RETENTION_MS = 8760L * 60 * 60 * 1000;

    /**
     * Checks settings against the rules of the stream's origin: a Kinesis-origin stream keeps its retention within
     * Kinesis' 24–8,760 hours, never infinite, and has no size limit: Kinesis records are immutable until they expire
     * (DESIGN.md D7).
     *
     * @throws InvalidConfigurationException when they break them
     */
    public static StreamSettings checkOrigin(StreamOrigin origin, StreamSettings settings) {
        long retentionMs = settings.retentionMs();
        if (origin == StreamOrigin.KINESIS
                && (retentionMs < KINESIS_MIN_RETENTION_MS || retentionMs > KINESIS_MAX_RETENTION_MS)) {
            throw new InvalidConfigurationException("Invalid value " + retentionMs + " for configuration "
                    + RETENTION_MS + ": a Kinesis stream keeps records for 24 to 8760 hours ("
                    + KINESIS_MIN_RETENTION_MS + " to " + KINESIS_MAX_RETENTION_MS + " ms).");
        }
        if (origin == StreamOrigin.KINESIS && settings.retentionBytes() >= 0) {
            throw new InvalidConfigurationException("Invalid value " + settings.retentionBytes() + " for configuration "
                    + RETENTION_BYTES + ": a Kinesis stream keeps its records for its retention period whatever their"
                    + " size; only -1 is allowed.");
        }
        return settings;
    }

    /** The value of a list config with {@code items} added ({@code append}) or removed. */
    public static String appendOrSubtract(StreamSettings settings, String name, String items, boolean append) {
        Definition definition = definition(name);
        if (definition.kind() != Kind.LIST) {
            throw new InvalidConfigurationException(
                    "Config value append/subtract is not allowed for config key " + name + ": it is not a list.");
        }
        List<String> current = new ArrayList<>(split(value(settings, name).value()));
        for (String item : split(items)) {
            if (append && !current.contains(item)) {
                current.add(item);
            } else if (!append) {
                current.remove(item);
            }
        }
        return String.join(",", current);
    }

    private static Definition definition(String name) {
        Definition definition = DEFINITIONS.get(name);
        if (definition == null) {
            throw new InvalidConfigurationException("Unknown topic config name: " + name);
        }
        return definition;
    }

    private static String validate(Definition definition, String raw) {
        String value = raw.trim();
        try {
            switch (definition.kind()) {
                case LONG -> atLeast(definition, Long.parseLong(value));
                case INT -> atLeast(definition, Integer.parseInt(value));
                case DOUBLE -> {
                    double parsed = Double.parseDouble(value);
                    if (parsed < 0 || parsed > 1) {
                        throw invalid(definition, raw, "must be in [0, 1]");
                    }
                }
                case BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw invalid(definition, raw, "must be true or false");
                    }
                    value = value.toLowerCase(java.util.Locale.ROOT);
                }
                case STRING -> {
                    if (!definition.choices().isEmpty() && !definition.choices().contains(value)) {
                        throw invalid(definition, raw, "must be one of " + definition.choices());
                    }
                }
                case LIST -> {
                    List<String> items = split(value);
                    for (String item : items) {
                        if (!definition.choices().isEmpty()
                                && !definition.choices().contains(item)) {
                            throw invalid(definition, raw, "items must be in " + definition.choices());
                        }
                    }
                    value = String.join(",", items);
                }
            }
        } catch (NumberFormatException e) {
            throw invalid(definition, raw, "not a number");
        }
        return value;
    }

    private static void atLeast(Definition definition, long value) {
        if (value < definition.min()) {
            throw invalid(definition, String.valueOf(value), "value must be at least " + definition.min());
        }
    }

    private static InvalidConfigurationException invalid(Definition definition, String value, String why) {
        return new InvalidConfigurationException(
                "Invalid value " + value + " for configuration " + definition.name() + ": " + why);
    }

    private static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
