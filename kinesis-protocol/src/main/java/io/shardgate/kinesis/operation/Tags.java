package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.Tag;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * Stream tags, kept as stream configs under {@link Streams#TAG_CONFIG_PREFIX}: what the six tagging operations share
 * (AWS's character rules and messages, at most {@value Constraints#TAGS_MAX} tags per stream). Changes are applied in
 * one atomic {@code alterStream}.
 */
final class Tags {

    /** {@code TagMap}: 1–200 entries per call. */
    static final int TAG_MAP_MAX = 200;

    /** {@code TagKeyList}: 1–50 keys per call. */
    static final int TAG_KEYS_MAX = 50;

    /** Characters AWS refuses in tag keys and values. */
    private static final Pattern INVALID = Pattern.compile("[^\\u00C0-\\u1FFF\\u2C00-\\uD7FF\\w./\\-=+_ @%:]");

    private Tags() {}

    /** The stream's tags, sorted by key. */
    static SortedMap<String, String> of(Stream stream) {
        SortedMap<String, String> tags = new TreeMap<>();
        stream.settings().configs().forEach((key, value) -> {
            if (key.startsWith(Streams.TAG_CONFIG_PREFIX)) {
                tags.put(key.substring(Streams.TAG_CONFIG_PREFIX.length()), value);
            }
        });
        return tags;
    }

    static List<Tag> list(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>(tags.size());
        tags.forEach((key, value) -> list.add(new Tag(key, value)));
        return list;
    }

    /** Validates a {@code TagMap} member. */
    static void validateMap(Validation validation, Map<String, String> tags) {
        if (validation.required("tags", tags)) {
            validation.size("tags", tags, 1, TAG_MAP_MAX);
            tags.forEach((key, value) -> validation
                    .string("tags.key", key, 1, Constraints.TAG_KEY_MAX, null)
                    .string("tags.value", value, 0, Constraints.TAG_VALUE_MAX, null));
        }
    }

    /** {@code ResourceARN}. */
    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");

    /** Validates a required {@code ResourceARN} member. */
    static void validateResource(Validation validation, String resourceArn) {
        if (validation.required("resourceARN", resourceArn)) {
            validation.string("resourceARN", resourceArn, 1, Constraints.STREAM_ARN_MAX, RESOURCE_ARN);
        }
    }

    /** Validates a {@code TagKeyList} member. */
    static void validateKeys(Validation validation, List<String> keys) {
        if (validation.required("tagKeys", keys)) {
            validation.size("tagKeys", keys, 1, TAG_KEYS_MAX);
            for (int i = 0; i < keys.size(); i++) {
                String member = "tagKeys." + (i + 1) + ".member";
                if (validation.required(member, keys.get(i))) {
                    validation.string(member, keys.get(i), 1, Constraints.TAG_KEY_MAX, null);
                }
            }
        }
    }

    /** Adds or replaces tags. */
    static CompletionStage<EmptyResult> add(KinesisServices services, String name, Map<String, String> tags) {
        Stream stream = Streams.find(services, name);
        List<String> all = new ArrayList<>(tags.keySet());
        tags.values().forEach(value -> all.add(value == null ? "" : value));
        characters(services, all, "add tags to", name);
        SortedMap<String, String> merged = of(stream);
        merged.putAll(tags);
        if (merged.size() > Constraints.TAGS_MAX) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Failed to add tags to stream " + name + " under account " + services.accountId()
                            + " because a given stream cannot have more than " + Constraints.TAGS_MAX
                            + " tags associated with it.");
        }
        return alter(
                services,
                name,
                configs -> tags.forEach(
                        (key, value) -> configs.put(Streams.TAG_CONFIG_PREFIX + key, value == null ? "" : value)));
    }

    /** Removes tags; keys the stream does not have are ignored, as on AWS. */
    static CompletionStage<EmptyResult> remove(KinesisServices services, String name, Collection<String> keys) {
        Streams.find(services, name);
        characters(services, keys, "remove tags from", name);
        return alter(services, name, configs -> keys.forEach(key -> configs.remove(Streams.TAG_CONFIG_PREFIX + key)));
    }

    private static void characters(KinesisServices services, Collection<String> texts, String action, String name) {
        if (texts.stream().anyMatch(text -> INVALID.matcher(text).find())) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space,"
                            + " _ . / = + - % @ :.");
        }
        if (texts.stream().anyMatch(text -> text.contains("%"))) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Failed to " + action + " stream " + name + " under account " + services.accountId()
                            + " because some tags contained illegal characters. The allowed characters are Unicode"
                            + " letters, white-spaces, '_',',','/','=','+','-','@',':'.");
        }
    }

    private interface ConfigChange {
        void apply(Map<String, String> configs);
    }

    private static CompletionStage<EmptyResult> alter(KinesisServices services, String name, ConfigChange change) {
        return services.store()
                .alterStream(name, settings -> {
                    Map<String, String> configs = new HashMap<>(settings.configs());
                    change.apply(configs);
                    return settings.withConfigs(configs);
                })
                .handle((altered, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    return EmptyResult.INSTANCE;
                });
    }

    /**
     * The stream a {@code ResourceARN} names.
     *
     * @throws KinesisException {@code ResourceNotFoundException} for an ARN of another region or account, or of a
     *     consumer
     */
    static String streamOfResource(KinesisServices services, String resourceArn) {
        String name = services.arns()
                .streamName(resourceArn)
                .filter(candidate -> !candidate.contains("/"))
                .orElseThrow(() -> new KinesisException(
                        KinesisError.RESOURCE_NOT_FOUND,
                        "Resource " + resourceArn + " under account " + services.accountId() + " not found."));
        Streams.find(services, name);
        return name;
    }
}
