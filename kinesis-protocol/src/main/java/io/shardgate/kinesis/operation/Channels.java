package io.shardgate.kinesis.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.ChannelDescription;
import io.shardgate.kinesis.model.ChannelEncryptionConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingConfiguration;
import io.shardgate.kinesis.model.ChannelStreamDescription;
import io.shardgate.kinesis.model.ChannelStreamIdentifier;
import io.shardgate.kinesis.model.ChannelSummary;
import io.shardgate.kinesis.model.CloudWatchLogs;
import io.shardgate.kinesis.model.DeadLetterQueueS3Configuration;
import io.shardgate.kinesis.model.RecordConfiguration;
import io.shardgate.kinesis.model.S3DestinationDescription;
import io.shardgate.kinesis.model.S3TablesDestinationDescription;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * Kinesis channels (ADR 0019): account-level resources that would deliver a stream's records to Amazon S3 or S3
 * Tables. The gateway records and reports them; it delivers nothing. Every channel of the account is kept in one
 * store-wide property, {@value #PROPERTY}, a small JSON document changed in one atomic {@code alterProperty} (so a
 * name is taken once and a stream's limit is checked with the change), as the account settings are (ADR 0017).
 *
 * <p>Statuses need no timer: a channel records when its pending change ends, and is read through the clock. It is
 * {@code CREATING} until {@code activeAtMs}, {@code UPDATING} until {@code updatingUntilMs}, {@code DELETING} until
 * {@code goneAtMs} and then gone (dropped from the document at the next change); with a status delay of 0 each change
 * is over at once. A channel whose source stream no longer exists (deleted by a Kafka client, or a stream of the same
 * name created since) is {@code FAILED}, with a {@code ChannelStatusReason} saying so.
 */
final class Channels {

    /** The store property holding every channel, as JSON. */
    static final String PROPERTY = "kinesis.channels";

    static final String S3 = "S3";
    static final String S3_TABLES = "S3_TABLES";

    static final String CREATING = "CREATING";
    static final String ACTIVE = "ACTIVE";
    static final String UPDATING = "UPDATING";
    static final String DELETING = "DELETING";
    static final String FAILED = "FAILED";

    /** {@code DataFreshnessInSeconds}: 300–900 (the developer guide's "Data delivery concepts"), 300 by default. */
    static final int DATA_FRESHNESS_MIN = 300;

    static final int DATA_FRESHNESS_MAX = 900;

    static final int DATA_FRESHNESS_DEFAULT = 300;

    /** The most channels a ListChannels page holds, whatever {@code MaxResults} asks. */
    static final int PAGE_MAX = 100;

    /** The log stream when none is given, as {@code CloudWatchLogs} documents it. */
    static final String DEFAULT_LOG_STREAM = "DestinationDelivery";

    /** The object key template AWS fills in when none is given (CreateChannel's example answer). */
    static final String DEFAULT_OUTPUT_KEY_TEMPLATE =
            "kinesis-channel/!{channel-name}/!{channel-id}/!{yyyy}/!{MM}/!{dd}"
                    + "/!{HH}/!{channel-name}-!{channel-id}-!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}!{extension}";

    static final String DEFAULT_STORAGE_CLASS = "STANDARD";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Channels() {}

    /**
     * A channel's source stream: its name, its id (the store's id of this incarnation of the name, which a stream created
     * again under the same name does not have) and creation time, and the record format.
     */
    record Source(
            @JsonProperty("streamName") String streamName,
            @JsonProperty("streamId") String streamId,
            @JsonProperty("streamCreatedAtMs") long streamCreatedAtMs,
            @JsonProperty("recordConfiguration") RecordConfiguration recordConfiguration) {

        boolean reads(Stream stream) {
            return stream.name().equals(streamName) && stream.id().toString().equals(streamId);
        }
    }

    /**
     * A channel as stored. Its destination, encryption and logging are kept in AWS's own shapes (their wire names are
     * fixed by the API), with every default filled in at creation.
     */
    record Channel(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("createdAtMs") long createdAtMs,
            @JsonProperty("activeAtMs") long activeAtMs,
            @JsonProperty("updatingUntilMs") Long updatingUntilMs,
            @JsonProperty("goneAtMs") Long goneAtMs,
            @JsonProperty("serviceExecutionRoleArn") String serviceExecutionRoleArn,
            @JsonProperty("sources") List<Source> sources,
            @JsonProperty("s3") S3DestinationDescription s3,
            @JsonProperty("s3Tables") S3TablesDestinationDescription s3Tables,
            @JsonProperty("encryption") ChannelEncryptionConfiguration encryption,
            @JsonProperty("logging") ChannelLoggingConfiguration logging,
            @JsonProperty("tags") Map<String, String> tags) {

        String destinationType() {
            return s3 != null ? S3 : S3_TABLES;
        }

        boolean goneAt(long nowMs) {
            return goneAtMs != null && nowMs >= goneAtMs;
        }

        /** Whether the channel reads {@code stream} (this incarnation of its name). */
        boolean reads(Stream stream) {
            return sources.stream().anyMatch(source -> source.reads(stream));
        }

        Channel deleting(Long until) {
            return new Channel(
                    id,
                    name,
                    createdAtMs,
                    activeAtMs,
                    updatingUntilMs,
                    until,
                    serviceExecutionRoleArn,
                    sources,
                    s3,
                    s3Tables,
                    encryption,
                    logging,
                    tags);
        }

        Channel updated(
                S3DestinationDescription newS3,
                S3TablesDestinationDescription newS3Tables,
                ChannelLoggingConfiguration newLogging,
                Long until) {
            return new Channel(
                    id,
                    name,
                    createdAtMs,
                    activeAtMs,
                    until,
                    goneAtMs,
                    serviceExecutionRoleArn,
                    sources,
                    newS3,
                    newS3Tables,
                    encryption,
                    newLogging,
                    tags);
        }
    }

    /** Every channel, as stored. */
    record Catalog(
            @JsonProperty("v") int version,
            @JsonProperty("channels") List<Channel> channels) {
        static final int VERSION = 1;
    }

    /** A channel's status at a moment, with the reason of a {@code FAILED} one. */
    record State(String status, String reason) {}

    /** The status of {@code channel} at {@code nowMs} (a channel that is not gone). */
    static State state(KinesisServices services, Channel channel, long nowMs) {
        if (channel.goneAtMs() != null) {
            return new State(DELETING, null);
        }
        for (Source source : channel.sources()) {
            Optional<Stream> stream = services.store().stream(source.streamName());
            if (stream.isEmpty() || !source.reads(stream.get())) {
                return new State(
                        FAILED,
                        "Source stream " + source.streamName() + " under account " + services.accountId()
                                + " was deleted; the channel delivers nothing. Delete the channel.");
            }
        }
        if (nowMs < channel.activeAtMs()) {
            return new State(CREATING, null);
        }
        if (channel.updatingUntilMs() != null && nowMs < channel.updatingUntilMs()) {
            return new State(UPDATING, null);
        }
        return new State(ACTIVE, null);
    }

    // ---- the store property --------------------------------------------------------------------------------

    /** The channels that exist now (not gone), in name order, read from the store. */
    static CompletionStage<List<Channel>> all(KinesisServices services) {
        return services.store().property(PROPERTY).handle((stored, failure) -> {
            if (failure != null) {
                throw KinesisErrors.toKinesis(failure);
            }
            return live(stored.orElse(null), services.clock().millis());
        });
    }

    /** The number of channels that read {@code stream}: DescribeStreamSummary's {@code ChannelCount}. */
    static CompletionStage<Integer> count(KinesisServices services, Stream stream) {
        return all(services).thenApply(channels ->
                (int) channels.stream().filter(channel -> channel.reads(stream)).count());
    }

    /**
     * What a change of the channels decided: the channels to store (null: leave the property as it is) and the answer,
     * or the refusal to throw instead.
     */
    record Outcome<T>(List<Channel> channels, T answer, KinesisException refusal) {
        static <T> Outcome<T> store(List<Channel> channels, T answer) {
            return new Outcome<>(channels, answer, null);
        }

        static <T> Outcome<T> keep(T answer) {
            return new Outcome<>(null, answer, null);
        }

        static <T> Outcome<T> refuse(KinesisException refusal) {
            return new Outcome<>(null, null, refusal);
        }
    }

    /** A change of the channels: a pure, fast function of the live channels (name order) and the time. */
    interface Change<T> {
        Outcome<T> apply(List<Channel> live, long nowMs);
    }

    /**
     * Applies {@code change} to the channels in one atomic change of the store property and completes, once it is
     * durable, with its answer, or fails with its refusal. Gone channels are dropped when the property is written.
     */
    static <T> CompletionStage<T> change(KinesisServices services, Change<T> change) {
        long nowMs = services.clock().millis();
        AtomicReference<Outcome<T>> outcome = new AtomicReference<>();
        return services.store()
                .alterProperty(PROPERTY, stored -> {
                    Outcome<T> decided = change.apply(live(stored, nowMs), nowMs);
                    outcome.set(decided);
                    return decided.channels() == null ? stored : encode(decided.channels());
                })
                .handle((stored, failure) -> {
                    if (failure != null) {
                        throw KinesisErrors.toKinesis(failure);
                    }
                    Outcome<T> decided = outcome.get();
                    if (decided.refusal() != null) {
                        throw decided.refusal();
                    }
                    return decided.answer();
                });
    }

    private static List<Channel> live(String stored, long nowMs) {
        List<Channel> channels = new ArrayList<>();
        if (stored != null) {
            for (Channel channel : decode(stored).channels()) {
                if (!channel.goneAt(nowMs)) {
                    channels.add(channel);
                }
            }
        }
        channels.sort(Comparator.comparing(Channel::name));
        return channels;
    }

    static String encode(List<Channel> channels) {
        try {
            return JSON.writeValueAsString(new Catalog(Catalog.VERSION, channels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog decode(String stored) {
        try {
            Catalog catalog = JSON.readValue(stored, Catalog.class);
            if (catalog.version() != Catalog.VERSION || catalog.channels() == null) {
                throw new IllegalStateException("unknown channel catalog version " + catalog.version());
            }
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable channels: " + stored, e);
        }
    }

    // ---- finding a channel ---------------------------------------------------------------------------------

    /** Validates a required {@code ChannelARN}. */
    static void validateArn(Validation validation, String channelArn) {
        if (validation.required("channelARN", channelArn)) {
            validation.string("channelARN", channelArn, 1, Constraints.CHANNEL_ARN_MAX, Constraints.CHANNEL_ARN);
        }
    }

    /**
     * The id a valid channel ARN names.
     *
     * @throws KinesisException {@code ResourceNotFoundException} for an ARN of another region or account
     */
    static String id(KinesisServices services, String channelArn) {
        return services.arns().channelId(channelArn).orElseThrow(() -> notFound(services, channelArn));
    }

    /** The live channel with {@code id}, if any. */
    static Optional<Channel> find(List<Channel> live, String id) {
        return live.stream().filter(channel -> channel.id().equals(id)).findFirst();
    }

    static KinesisException notFound(KinesisServices services, String channelArn) {
        return new KinesisException(
                KinesisError.RESOURCE_NOT_FOUND,
                "Channel " + channelArn + " under account " + services.accountId() + " not found.");
    }

    /** {@code DataFreshnessInSeconds} outside the documented 300–900 seconds. */
    static void checkDataFreshness(Integer seconds) {
        if (seconds != null && (seconds < DATA_FRESHNESS_MIN || seconds > DATA_FRESHNESS_MAX)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "DataFreshnessInSeconds " + seconds + " is out of range: it must be between " + DATA_FRESHNESS_MIN
                            + " and " + DATA_FRESHNESS_MAX + " seconds.");
        }
    }

    // ---- shared validation ---------------------------------------------------------------------------------

    /** Validates a {@code DeadLetterQueueS3Configuration} member (null passes). */
    static void validateDeadLetterQueue(Validation validation, String member, DeadLetterQueueS3Configuration queue) {
        if (queue == null) {
            return;
        }
        if (validation.required(member + ".bucketARN", queue.bucketArn())) {
            validation.string(
                    member + ".bucketARN", queue.bucketArn(), 1, Constraints.BUCKET_ARN_MAX, Constraints.BUCKET_ARN);
        }
        validateAccountId(validation, member + ".expectedBucketOwner", queue.expectedBucketOwner());
        validation.string(
                member + ".errorOutputPrefix",
                queue.errorOutputPrefix(),
                1,
                Constraints.ERROR_OUTPUT_PREFIX_MAX,
                Constraints.ERROR_OUTPUT_PREFIX);
    }

    /** Validates a required {@code ExpectedBucketOwner}-like account id. */
    static void validateAccountId(Validation validation, String member, String accountId) {
        if (validation.required(member, accountId)) {
            validation.string(
                    member,
                    accountId,
                    Constraints.ACCOUNT_ID_LENGTH,
                    Constraints.ACCOUNT_ID_LENGTH,
                    Constraints.ACCOUNT_ID);
        }
    }

    /** Validates the members of a {@code CloudWatchLogs} or {@code CloudWatchLogsUpdateInput}. */
    static void validateCloudWatchLogs(
            Validation validation, String member, Boolean enabled, String logGroupName, String logStreamName) {
        validation.required(member + ".enabled", enabled);
        validation
                .string(member + ".logGroupName", logGroupName, 1, Constraints.LOG_NAME_MAX, Constraints.LOG_GROUP_NAME)
                .string(
                        member + ".logStreamName",
                        logStreamName,
                        1,
                        Constraints.LOG_NAME_MAX,
                        Constraints.LOG_STREAM_NAME);
    }

    /** The log group when none is given: {@code /aws/kinesis/<channel name>/<channel id>}, as documented. */
    static String defaultLogGroup(String name, String id) {
        return "/aws/kinesis/" + name + "/" + id;
    }

    /** The error prefix when none is given: {@code kinesis-channel/errors/<channel name>/<channel id>/}. */
    static String defaultErrorOutputPrefix(String name, String id) {
        return "kinesis-channel/errors/" + name + "/" + id + "/";
    }

    /** A logging configuration with the documented defaults filled in. */
    static ChannelLoggingConfiguration logging(String name, String id, Boolean enabled, String group, String stream) {
        return new ChannelLoggingConfiguration(new CloudWatchLogs(
                enabled,
                group != null ? group : defaultLogGroup(name, id),
                stream != null ? stream : DEFAULT_LOG_STREAM));
    }

    // ---- views ---------------------------------------------------------------------------------------------

    static ChannelDescription describe(KinesisServices services, Channel channel, long nowMs) {
        State state = state(services, channel, nowMs);
        List<ChannelStreamDescription> streams = new ArrayList<>();
        for (Source source : channel.sources()) {
            streams.add(new ChannelStreamDescription(
                    services.arns().arn(source.streamName()),
                    Instant.ofEpochMilli(source.streamCreatedAtMs()),
                    source.recordConfiguration()));
        }
        return new ChannelDescription(
                channel.name(),
                services.arns().channelArn(channel.id()),
                channel.id(),
                state.status(),
                state.reason(),
                Instant.ofEpochMilli(channel.createdAtMs()),
                channel.serviceExecutionRoleArn(),
                streams,
                channel.s3(),
                channel.s3Tables(),
                channel.encryption(),
                channel.logging());
    }

    static ChannelSummary summary(KinesisServices services, Channel channel, long nowMs) {
        State state = state(services, channel, nowMs);
        List<ChannelStreamIdentifier> streams = new ArrayList<>();
        for (Source source : channel.sources()) {
            streams.add(new ChannelStreamIdentifier(
                    services.arns().arn(source.streamName()), Instant.ofEpochMilli(source.streamCreatedAtMs())));
        }
        return new ChannelSummary(
                channel.name(),
                services.arns().channelArn(channel.id()),
                channel.id(),
                state.status(),
                state.reason(),
                Instant.ofEpochMilli(channel.createdAtMs()),
                channel.destinationType(),
                streams);
    }
}
