package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.model.ChannelDescription;
import io.shardgate.kinesis.model.ChannelEncryptionConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingUpdateInput;
import io.shardgate.kinesis.model.ChannelStreamConfiguration;
import io.shardgate.kinesis.model.ChannelStreamDescription;
import io.shardgate.kinesis.model.ChannelStreamIdentifier;
import io.shardgate.kinesis.model.ChannelSummary;
import io.shardgate.kinesis.model.CloudWatchLogs;
import io.shardgate.kinesis.model.CloudWatchLogsUpdateInput;
import io.shardgate.kinesis.model.CreateChannelInput;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DeadLetterQueueS3Configuration;
import io.shardgate.kinesis.model.DeleteChannelInput;
import io.shardgate.kinesis.model.DeleteStreamInput;
import io.shardgate.kinesis.model.DescribeChannelInput;
import io.shardgate.kinesis.model.DescribeLimitsInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.ListChannelsInput;
import io.shardgate.kinesis.model.ListChannelsOutput;
import io.shardgate.kinesis.model.PartitionField;
import io.shardgate.kinesis.model.PartitionSpec;
import io.shardgate.kinesis.model.RecordConfiguration;
import io.shardgate.kinesis.model.S3DestinationConfiguration;
import io.shardgate.kinesis.model.S3DestinationDescription;
import io.shardgate.kinesis.model.S3DestinationUpdateInput;
import io.shardgate.kinesis.model.S3StorageConfiguration;
import io.shardgate.kinesis.model.S3TablesConfiguration;
import io.shardgate.kinesis.model.S3TablesDestinationConfiguration;
import io.shardgate.kinesis.model.S3TablesDestinationDescription;
import io.shardgate.kinesis.model.S3TablesDestinationUpdateInput;
import io.shardgate.kinesis.model.StreamFilter;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.UpdateChannelInput;
import io.shardgate.store.limits.KinesisQuotas;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.limits.LimitsProfile;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;
import io.shardgate.store.lmdb.StoreListener;

/**
 * CreateChannel, DescribeChannel, ListChannels, UpdateChannel and DeleteChannel against a real LMDB store (ADR 0019):
 * a channel's life read through the clock (CREATING → ACTIVE → UPDATING → ACTIVE → DELETING → gone), the defaults
 * AWS fills in, durability, the limits, paging and filters, the documented rules ({@code InvalidArgumentException}),
 * the shapes' constraints ({@code ValidationException}), a source stream deleted behind the channel's back, and what
 * DeleteStream, DescribeStreamSummary and DescribeLimits make of channels.
 */
class ChannelOperationsTest extends OperationsFixture {

    private static final String ARN_PREFIX = "arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/delivery";
    private static final String BUCKET = "arn:aws:s3:::my-bucket";
    private static final String DLQ = "arn:aws:s3:::my-dlq";
    private static final String TABLE_BUCKET = "arn:aws:s3tables:eu-west-1:" + ACCOUNT + ":bucket/tables";
    private static final String SCHEMA = "arn:aws:glue:eu-west-1:" + ACCOUNT + ":schema/registry/orders";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    // ---- a channel's life ------------------------------------------------------------------------------------

    @Test
    void shouldCreateAChannelWithAwsDefaultsAndTakeItThroughItsLife() throws Exception {
        // Given an on-demand stream and a status delay
        Instant streamCreated = Instant.ofEpochMilli(clock.millis());
        onDemand("orders");
        services = services(500);
        clock.advance(1_000);
        Instant created = Instant.ofEpochMilli(clock.millis());

        // When a channel to S3 is created with only the required members
        ChannelDescription description = create(s3Channel("to-s3", "orders"));

        // Then it is CREATING, with AWS's ARN layout and AWS's defaults filled in
        String id = description.channelId();
        assertThat(id).matches(UUID_PATTERN);
        String arn = ARN_PREFIX + "channel/" + id;
        assertThat(description)
                .isEqualTo(new ChannelDescription(
                        "to-s3",
                        arn,
                        id,
                        "CREATING",
                        null,
                        created,
                        ROLE,
                        List.of(new ChannelStreamDescription(
                                ARN_PREFIX + "stream/orders", streamCreated, new RecordConfiguration("JSON", null))),
                        new S3DestinationDescription(
                                300,
                                new DeadLetterQueueS3Configuration(
                                        BUCKET, ACCOUNT, "kinesis-channel/errors/to-s3/" + id + "/"),
                                new S3StorageConfiguration(
                                        BUCKET,
                                        ACCOUNT,
                                        "kinesis-channel/!{channel-name}/!{channel-id}/!{yyyy}/!{MM}/!{dd}/!{HH}/"
                                                + "!{channel-name}-!{channel-id}-!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}"
                                                + "!{extension}",
                                        "STANDARD",
                                        "GZIP")),
                        null,
                        null,
                        new ChannelLoggingConfiguration(
                                new CloudWatchLogs(false, "/aws/kinesis/to-s3/" + id, "DestinationDelivery"))));
        assertThat(describe(arn)).isEqualTo(description);

        // When the status delay passes, it is ACTIVE, without any call in between
        clock.advance(499);
        assertThat(describe(arn).channelStatus()).isEqualTo("CREATING");
        clock.advance(1);
        assertThat(describe(arn).channelStatus()).isEqualTo("ACTIVE");

        // When its data freshness and logging are updated
        ChannelDescription updated = call(() -> new UpdateChannelOperation(services)
                        .execute(
                                new UpdateChannelInput(
                                        arn,
                                        new S3DestinationUpdateInput(600),
                                        null,
                                        new ChannelLoggingUpdateInput(
                                                new CloudWatchLogsUpdateInput(true, null, "my-stream"))),
                                context))
                .channelDescription();

        // Then it is UPDATING with the new settings at once (a log group not given is kept), then ACTIVE
        assertThat(updated.channelStatus()).isEqualTo("UPDATING");
        assertThat(updated.s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(600);
        assertThat(updated.s3DestinationConfiguration().storageConfiguration())
                .isEqualTo(description.s3DestinationConfiguration().storageConfiguration());
        assertThat(updated.loggingConfiguration())
                .isEqualTo(new ChannelLoggingConfiguration(
                        new CloudWatchLogs(true, "/aws/kinesis/to-s3/" + id, "my-stream")));
        assertThat(describe(arn)).isEqualTo(updated);
        clock.advance(500);
        assertThat(describe(arn).channelStatus()).isEqualTo("ACTIVE");

        // When it is deleted
        call(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(arn), context));

        // Then it is DELETING and still listed, a second delete changes nothing, and it is gone after the delay
        assertThat(describe(arn).channelStatus()).isEqualTo("DELETING");
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .extracting(ChannelSummary::channelStatus)
                .containsExactly("DELETING");
        clock.advance(250);
        call(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(arn), context));
        clock.advance(250);
        assertThat(failure(
                        () -> new DescribeChannelOperation(services).execute(new DescribeChannelInput(arn), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Channel " + arn + " under account " + ACCOUNT + " not found.");
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .isEmpty();
        assertThat(failure(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(arn), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
    }

    @Test
    void shouldKeepEverySettingGivenAndFillOnlyWhatIsMissingWhenCreatingAStreamingTableChannel() throws Exception {
        // Given
        onDemand("orders");
        S3TablesConfiguration table = new S3TablesConfiguration(
                TABLE_BUCKET,
                "sales",
                "orders",
                "ZSTD",
                new PartitionSpec(List.of(new PartitionField("TIME_HOUR", "ts"))));
        ChannelEncryptionConfiguration key =
                new ChannelEncryptionConfiguration("KMS", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/k");
        ChannelLoggingConfiguration logging =
                new ChannelLoggingConfiguration(new CloudWatchLogs(true, "/my/group", "my-stream"));

        // When
        ChannelDescription description = create(new CreateChannelInput(
                "to-tables",
                ROLE,
                List.of(source("orders", "GSR_JSON", SCHEMA)),
                null,
                new S3TablesDestinationConfiguration(
                        900, new DeadLetterQueueS3Configuration(DLQ, "210987654321", "errors/"), List.of(table)),
                key,
                Map.of("team", "sales"),
                logging));

        // Then with no status delay it is ACTIVE at once, and shows what was given
        assertThat(description.channelStatus()).isEqualTo("ACTIVE");
        assertThat(description.s3DestinationConfiguration()).isNull();
        assertThat(description.s3TablesDestinationConfiguration())
                .isEqualTo(new S3TablesDestinationDescription(
                        900, new DeadLetterQueueS3Configuration(DLQ, "210987654321", "errors/"), List.of(table)));
        assertThat(description.streamConfigurationList().get(0).recordConfiguration())
                .isEqualTo(new RecordConfiguration("GSR_JSON", SCHEMA));
        assertThat(description.encryptionConfiguration()).isEqualTo(key);
        assertThat(description.loggingConfiguration()).isEqualTo(logging);
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .extracting(ChannelSummary::channelDestinationType)
                .containsExactly("S3_TABLES");
    }

    @Test
    void shouldKeepChannelsWhenTheStoreIsReopened() throws Exception {
        // Given a channel still CREATING
        onDemand("orders");
        services = services(10_000);
        ChannelDescription created = create(s3Channel("kept", "orders"));

        // When the store is reopened, and the delay has passed meanwhile
        store.close();
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), StoreListener.NONE, clock);
        services = services(10_000);
        clock.advance(10_000);

        // Then it is there, ACTIVE, as it was created
        ChannelDescription described = describe(created.channelArn());
        assertThat(described.channelStatus()).isEqualTo("ACTIVE");
        assertThat(described)
                .usingRecursiveComparison()
                .ignoringFields("channelStatus")
                .isEqualTo(created);
    }

    // ---- names, limits and the source stream ----------------------------------------------------------------

    @Test
    void shouldRefuseATakenNameAndASecondChannelOfTheSameDestinationTypeOnAStream() throws Exception {
        // Given
        onDemand("orders");
        onDemand("returns");
        ChannelDescription first = create(s3Channel("first", "orders"));

        // Then a name is taken once in the account
        assertThat(failure(() -> new CreateChannelOperation(services).execute(s3Channel("first", "returns"), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Channel first under account " + ACCOUNT + " already exists.");
        // And a stream has one channel per destination type
        assertThat(failure(() -> new CreateChannelOperation(services).execute(s3Channel("second", "orders"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("Stream orders under account " + ACCOUNT + " already has a channel delivering to S3: a"
                        + " stream can have one channel per destination type.");
        create(tablesChannel("second", "orders"));
        create(s3Channel("third", "returns"));

        // When the first channel is gone, its name and its place on the stream are free again
        call(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(first.channelArn()), context));
        ChannelDescription again = create(s3Channel("first", "orders"));
        assertThat(again.channelId()).isNotEqualTo(first.channelId());
    }

    @Test
    void shouldTakeANameOnceWhenTwoCreationsRace() throws Exception {
        // Given
        onDemand("a");
        onDemand("b");

        // When two channels of one name are created at once
        CompletableFuture<Object> one = CompletableFuture.supplyAsync(() -> outcome(s3Channel("same", "a")));
        CompletableFuture<Object> two = CompletableFuture.supplyAsync(() -> outcome(s3Channel("same", "b")));

        // Then exactly one is created
        List<Object> outcomes = List.of(one.get(10, TimeUnit.SECONDS), two.get(10, TimeUnit.SECONDS));
        assertThat(outcomes).filteredOn(ChannelDescription.class::isInstance).hasSize(1);
        assertThat(outcomes)
                .filteredOn(KinesisException.class::isInstance)
                .extracting(outcome -> ((KinesisException) outcome).error())
                .containsExactly(KinesisError.RESOURCE_IN_USE);
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .hasSize(1);
    }

    @Test
    void shouldAnswerAwsErrorsWhenTheSourceStreamCannotTakeAChannel() throws Exception {
        // Given a provisioned stream and a stream still CREATING
        create("provisioned", 1);
        services = services(60_000);
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput("young", null, new StreamModeDetails("ON_DEMAND"), null, null, null),
                        context));

        // Then
        assertThat(failure(() -> new CreateChannelOperation(services).execute(s3Channel("c", "missing"), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream missing under account " + ACCOUNT + " not found.");
        CreateChannelInput otherAccount = withSource(
                s3Channel("c", "x"),
                new ChannelStreamConfiguration(
                        "arn:aws:kinesis:eu-west-1:999999999999:stream/x", new RecordConfiguration("JSON", null)));
        assertThat(failure(() -> new CreateChannelOperation(services).execute(otherAccount, context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> new CreateChannelOperation(services).execute(s3Channel("c", "provisioned"), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage("Stream provisioned under account " + ACCOUNT + " is in PROVISIONED mode: channels are only"
                        + " supported for streams in ON_DEMAND mode.");
        assertThat(failure(() -> new CreateChannelOperation(services).execute(s3Channel("c", "young"), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Stream young under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .isEmpty();
    }

    @Test
    void shouldRefuseToDeleteAStreamThatAChannelReadsEvenWithEnforceConsumerDeletion() throws Exception {
        // Given
        onDemand("orders");
        ChannelDescription channel = create(s3Channel("c", "orders"));

        // When
        KinesisException refused = failure(() ->
                new DeleteStreamOperation(services).execute(new DeleteStreamInput("orders", true, null), context));

        // Then
        assertThat(refused)
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage(
                        "DeleteStream can\u2019t delete " + ACCOUNT + ":orders because there are channels associated"
                                + " with this data stream. Delete them first: ListChannels with a StreamFilter naming the stream"
                                + " finds them.");
        assertThat(store.stream("orders")).isPresent();

        // When the channel is deleted, the stream can be
        call(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(channel.channelArn()), context));
        call(() -> new DeleteStreamOperation(services).execute(new DeleteStreamInput("orders", null, null), context));
        assertThat(store.stream("orders")).isEmpty();
    }

    @Test
    void shouldShowAChannelFailedWhenItsStreamIsDeletedBehindItsBack() throws Exception {
        // Given a channel on a stream, and the stream deleted in the store (as a Kafka DeleteTopics does)
        onDemand("orders");
        ChannelDescription channel = create(s3Channel("c", "orders"));
        store.deleteStream("orders").toCompletableFuture().get(10, TimeUnit.SECONDS);
        // And a new stream of the same name
        onDemand("orders");

        // Then the channel is FAILED, says why, and can only be deleted
        ChannelDescription failed = describe(channel.channelArn());
        assertThat(failed.channelStatus()).isEqualTo("FAILED");
        assertThat(failed.channelStatusReason())
                .isEqualTo("Source stream orders under account " + ACCOUNT + " was deleted; the channel delivers"
                        + " nothing. Delete the channel.");
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .extracting(ChannelSummary::channelStatus, ChannelSummary::channelStatusReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FAILED", failed.channelStatusReason()));
        assertThat(failure(() -> new UpdateChannelOperation(services)
                        .execute(
                                new UpdateChannelInput(
                                        channel.channelArn(), new S3DestinationUpdateInput(600), null, null),
                                context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Channel c under account " + ACCOUNT + " not ACTIVE, instead in state FAILED");
        // And it does not count on, or hold, the new stream
        assertThat(channelCount("orders")).isZero();
        create(s3Channel("new", "orders"));
        call(() -> new DeleteChannelOperation(services).execute(new DeleteChannelInput(channel.channelArn()), context));
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .extracting(ChannelSummary::channelName)
                .containsExactly("new");
    }

    @Test
    void shouldCountChannelsInDescribeStreamSummaryAndDescribeLimits() throws Exception {
        // Given
        onDemand("orders");
        onDemand("returns");
        assertThat(channelCount("orders")).isZero();

        // When
        create(s3Channel("a", "orders"));
        create(tablesChannel("b", "orders"));
        create(s3Channel("c", "returns"));

        // Then
        assertThat(channelCount("orders")).isEqualTo(2);
        assertThat(channelCount("returns")).isEqualTo(1);
        assertThat(call(() -> new DescribeLimitsOperation(services).execute(new DescribeLimitsInput(), context)))
                .returns(3, limits -> limits.channelCount())
                .returns(DescribeLimitsOperation.NO_LIMIT, limits -> limits.channelCountLimit());
    }

    // ---- UpdateChannel ---------------------------------------------------------------------------------------

    @Test
    void shouldAnswerAwsErrorsWhenAnUpdateCannotApply() throws Exception {
        // Given an ACTIVE S3 channel and a CREATING one
        onDemand("orders");
        String active = create(s3Channel("active", "orders")).channelArn();
        services = services(60_000);
        String creating = create(tablesChannel("creating", "orders")).channelArn();

        // Then
        assertThat(updateFailure(new UpdateChannelInput(active, null, new S3TablesDestinationUpdateInput(600), null)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Channel active delivers to S3: use S3DestinationConfiguration to update its data"
                        + " freshness.");
        assertThat(updateFailure(new UpdateChannelInput(
                        active, new S3DestinationUpdateInput(600), new S3TablesDestinationUpdateInput(600), null)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(updateFailure(new UpdateChannelInput(active, null, null, null)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Nothing to update: specify S3DestinationConfiguration, S3TablesDestinationConfiguration"
                        + " or LoggingConfiguration.");
        assertThat(updateFailure(new UpdateChannelInput(active, new S3DestinationUpdateInput(901), null, null)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("DataFreshnessInSeconds 901 is out of range: it must be between 300 and 900 seconds.");
        assertThat(updateFailure(new UpdateChannelInput(creating, null, new S3TablesDestinationUpdateInput(600), null)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Channel creating under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
        assertThat(updateFailure(new UpdateChannelInput(
                        ARN_PREFIX + "channel/nope", new S3DestinationUpdateInput(600), null, null)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(updateFailure(new UpdateChannelInput(
                        "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/x",
                        new S3DestinationUpdateInput(600),
                        null,
                        null)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        // And nothing changed
        assertThat(describe(active).s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(300);
        assertThat(describe(active).channelStatus()).isEqualTo("ACTIVE");
    }

    // ---- ListChannels ----------------------------------------------------------------------------------------

    @Test
    void shouldPageChannelsInNameOrderAndFilterThemByStream() throws Exception {
        // Given five channels on three streams
        onDemand("s1");
        onDemand("s2");
        onDemand("s3");
        Instant s2Created =
                Instant.ofEpochMilli(store.stream("s2").orElseThrow().createdAtMs());
        create(s3Channel("e", "s1"));
        create(tablesChannel("d", "s1"));
        create(s3Channel("c", "s2"));
        create(tablesChannel("b", "s3"));
        create(s3Channel("a", "s3"));

        // When paged two at a time
        List<String> names = new ArrayList<>();
        ListChannelsOutput page = list(new ListChannelsInput(null, 2, null));
        int pages = 1;
        page.channelSummaries().forEach(summary -> names.add(summary.channelName()));
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = list(new ListChannelsInput(null, 2, token));
            page.channelSummaries().forEach(summary -> names.add(summary.channelName()));
            pages++;
        }

        // Then
        assertThat(names).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);

        // And a summary names the stream and its creation time
        ChannelSummary c = list(new ListChannelsInput(List.of(filter("s2", null)), null, null))
                .channelSummaries()
                .get(0);
        assertThat(c.channelName()).isEqualTo("c");
        assertThat(c.channelDestinationType()).isEqualTo("S3");
        assertThat(c.streams()).containsExactly(new ChannelStreamIdentifier(ARN_PREFIX + "stream/s2", s2Created));

        // And filters keep the channels of any of their streams, at the stream's creation second if given
        assertThat(names(new ListChannelsInput(List.of(filter("s1", null), filter("s3", null)), null, null)))
                .containsExactly("a", "b", "d", "e");
        assertThat(names(new ListChannelsInput(List.of(filter("s2", s2Created.plusMillis(400))), null, null)))
                .containsExactly("c");
        assertThat(names(new ListChannelsInput(List.of(filter("s2", s2Created.plusSeconds(1))), null, null)))
                .isEmpty();
        assertThat(names(new ListChannelsInput(List.of(filter("missing", null)), null, null)))
                .isEmpty();
        assertThat(names(new ListChannelsInput(
                        List.of(new StreamFilter("arn:aws:kinesis:eu-west-1:999999999999:stream/s1", null)),
                        null,
                        null)))
                .isEmpty();
        // And a filter applies across pages
        ListChannelsOutput first = list(new ListChannelsInput(List.of(filter("s1", null)), 1, null));
        assertThat(first.channelSummaries())
                .extracting(ChannelSummary::channelName)
                .containsExactly("d");
        ListChannelsOutput second = list(new ListChannelsInput(List.of(filter("s1", null)), 1, first.nextToken()));
        assertThat(second.channelSummaries())
                .extracting(ChannelSummary::channelName)
                .containsExactly("e");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void shouldReturnAtMostAHundredChannelsPerPageWhateverMaxResultsAsks() throws Exception {
        // Given 105 channels, written straight into the store property
        onDemand("orders");
        io.shardgate.store.Stream orders = store.stream("orders").orElseThrow();
        List<Channels.Channel> channels = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            channels.add(new Channels.Channel(
                    "id-" + i,
                    String.format("c%03d", i),
                    clock.millis(),
                    clock.millis(),
                    null,
                    null,
                    ROLE,
                    List.of(new Channels.Source(
                            "orders",
                            orders.id().toString(),
                            orders.createdAtMs(),
                            new RecordConfiguration("JSON", null))),
                    new S3DestinationDescription(
                            300,
                            new DeadLetterQueueS3Configuration(BUCKET, ACCOUNT, "e/"),
                            new S3StorageConfiguration(BUCKET, ACCOUNT, "k", "STANDARD", "NONE")),
                    null,
                    null,
                    Channels.logging("c", "id", false, null, null),
                    Map.of()));
        }
        String encoded = Channels.encode(channels);
        store.alterProperty(Channels.PROPERTY, stored -> encoded)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        // When
        ListChannelsOutput first = list(new ListChannelsInput(null, 10_000, null));
        ListChannelsOutput defaulted = list(new ListChannelsInput(null, null, null));
        ListChannelsOutput second = list(new ListChannelsInput(null, 10_000, first.nextToken()));

        // Then
        assertThat(first.channelSummaries()).hasSize(100);
        assertThat(first.channelSummaries().get(99).channelName()).isEqualTo("c099");
        assertThat(first.nextToken()).isNotNull();
        assertThat(defaulted.channelSummaries()).hasSize(100);
        assertThat(second.channelSummaries())
                .extracting(ChannelSummary::channelName)
                .containsExactly("c100", "c101", "c102", "c103", "c104");
        assertThat(second.nextToken()).isNull();
        assertThat(call(() -> new DescribeLimitsOperation(services).execute(new DescribeLimitsInput(), context))
                        .channelCount())
                .isEqualTo(105);
    }

    @Test
    void shouldAnswerAwsErrorsWhenTheNextTokenIsNotOursOrExpired() throws Exception {
        // Given
        onDemand("orders");
        create(s3Channel("a", "orders"));
        create(tablesChannel("b", "orders"));
        String token = list(new ListChannelsInput(null, 1, null)).nextToken();

        // Then
        assertThat(failure(() -> new ListChannelsOperation(services)
                        .execute(new ListChannelsInput(null, null, "bm90LW91cnM"), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        clock.advance(PageTokens.LIFETIME.toMillis() + 1);
        assertThat(failure(() ->
                        new ListChannelsOperation(services).execute(new ListChannelsInput(null, null, token), context)))
                .returns(KinesisError.EXPIRED_NEXT_TOKEN, KinesisException::error);
    }

    @Test
    void shouldCountChannelCallsAgainstTheAccountRateUnderAKinesisProfile() throws Exception {
        // Given the gateway's default profile is a Kinesis one, on a ledger whose time stands still
        KinesisServices limited = new KinesisServices(
                store,
                new ShardIterators(new byte[32], clock),
                clock,
                new KinesisListenerConfig("127.0.0.1", 0, "eu-west-1", ACCOUNT, 8 << 20, 0),
                new Limits(LimitsProfile.KINESIS_ON_DEMAND, KinesisQuotas.DEFAULT_SHARD_QUOTA, () -> 1_000_000_000L));
        @SuppressWarnings("unchecked")
        KinesisOperation<ListChannelsInput, ?> listChannels = (KinesisOperation<ListChannelsInput, ?>)
                new KinesisOperations(limited).find("ListChannels").orElseThrow();
        for (int i = 0; i < 5; i++) {
            call(() -> listChannels.execute(new ListChannelsInput(null, null, null), context));
        }

        // When
        KinesisException refused =
                failure(() -> listChannels.execute(new ListChannelsInput(null, null, null), context));

        // Then AWS's 5 calls per second per account
        assertThat(refused)
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("Rate exceeded for account " + ACCOUNT + ".");
        assertThat(ControlPlaneRates.RATES)
                .containsKeys("CreateChannel", "DescribeChannel", "ListChannels", "UpdateChannel", "DeleteChannel");
    }

    // ---- the documented rules: InvalidArgumentException ----------------------------------------------------

    static Stream<Arguments> invalidArguments() {
        CreateChannelInput s3 = s3Channel("c", "orders");
        CreateChannelInput tables = tablesChannel("c", "orders");
        S3TablesConfiguration table = tables.s3TablesDestinationConfiguration()
                .s3TablesConfigurationList()
                .get(0);
        return Stream.of(
                Arguments.of(
                        "both destinations",
                        new CreateChannelInput(
                                "c",
                                ROLE,
                                s3.streamConfigurationList(),
                                s3.s3DestinationConfiguration(),
                                tables.s3TablesDestinationConfiguration(),
                                null,
                                null,
                                null),
                        "Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be"
                                + " specified."),
                Arguments.of(
                        "no destination",
                        new CreateChannelInput("c", ROLE, s3.streamConfigurationList(), null, null, null, null, null),
                        "Exactly one of S3DestinationConfiguration and S3TablesDestinationConfiguration must be"
                                + " specified."),
                Arguments.of(
                        "two streams",
                        withSources(s3, List.of(source("orders", "JSON", null), source("orders", "JSON", null))),
                        "StreamConfigurationList has 2 streams: a channel reads exactly one stream."),
                Arguments.of(
                        "no stream",
                        withSources(s3, List.of()),
                        "StreamConfigurationList has 0 streams: a channel reads exactly one stream."),
                Arguments.of(
                        "GSR_JSON to S3",
                        withSource(s3, source("orders", "GSR_JSON", SCHEMA)),
                        "RecordFormatType GSR_JSON is only supported for streaming table (S3_TABLES) destinations."),
                Arguments.of(
                        "STRING to S3 Tables",
                        withSource(tables, source("orders", "STRING", SCHEMA)),
                        "RecordFormatType STRING is only supported for general purpose Amazon S3 (S3) destinations."),
                Arguments.of(
                        "BYTE_ARRAY to S3 Tables",
                        withSource(tables, source("orders", "BYTE_ARRAY", SCHEMA)),
                        "RecordFormatType BYTE_ARRAY is only supported for general purpose Amazon S3 (S3)"
                                + " destinations."),
                Arguments.of(
                        "S3 Tables without a schema",
                        withSource(tables, source("orders", "JSON", null)),
                        "GSRSchemaARN is required when the channel destination is a streaming table."),
                Arguments.of(
                        "two tables",
                        withTables(tables, List.of(table, table)),
                        "S3TablesConfigurationList has 2 tables: a channel writes exactly one table."),
                Arguments.of(
                        "data freshness below 300 s",
                        withS3(s3, new S3DestinationConfiguration(299, null, storage())),
                        "DataFreshnessInSeconds 299 is out of range: it must be between 300 and 900 seconds."),
                Arguments.of(
                        "data freshness above 900 s",
                        withTablesFreshness(tables, 901),
                        "DataFreshnessInSeconds 901 is out of range: it must be between 300 and 900 seconds."),
                Arguments.of(
                        "the Kinesis service key by alias",
                        withKey(s3, "alias/aws/kinesis"),
                        "KeyId alias/aws/kinesis is the Amazon Kinesis Data Streams service key (aws/kinesis), which"
                                + " channels cannot use: use a customer managed KMS key."),
                Arguments.of(
                        "the Kinesis service key by alias ARN",
                        withKey(s3, "arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/aws/kinesis"),
                        "KeyId arn:aws:kms:eu-west-1:" + ACCOUNT + ":alias/aws/kinesis is the Amazon Kinesis Data"
                                + " Streams service key (aws/kinesis), which channels cannot use: use a customer"
                                + " managed KMS key."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void shouldAnswerInvalidArgumentWhenADocumentedRuleIsBroken(String name, CreateChannelInput input, String message)
            throws Exception {
        // Given
        onDemand("orders");

        // When
        KinesisException error = failure(() -> new CreateChannelOperation(services).execute(input, context));

        // Then
        assertThat(error)
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage(message);
        assertThat(list(new ListChannelsInput(null, null, null)).channelSummaries())
                .isEmpty();
    }

    @Test
    void shouldAcceptEveryRecordFormatEachDestinationDocumentsAndACustomerKey() throws Exception {
        // Given
        for (String stream : List.of("json", "string", "bytes", "gsr")) {
            onDemand(stream);
        }

        // When
        create(withSource(s3Channel("s3-json", "json"), source("json", "JSON", null)));
        create(withSource(s3Channel("s3-string", "string"), source("string", "STRING", null)));
        create(withKey(
                withSource(s3Channel("s3-bytes", "bytes"), source("bytes", "BYTE_ARRAY", null)), "alias/my-key"));
        create(withSource(tablesChannel("tables-json", "json"), source("json", "JSON", SCHEMA)));
        create(withSource(tablesChannel("tables-gsr", "gsr"), source("gsr", "GSR_JSON", SCHEMA)));

        // Then
        assertThat(names(new ListChannelsInput(null, null, null)))
                .containsExactly("s3-bytes", "s3-json", "s3-string", "tables-gsr", "tables-json");
    }

    // ---- the shapes' constraints: ValidationException -------------------------------------------------------

    static Stream<Arguments> invalidRequests() {
        CreateChannelInput s3 = s3Channel("c", "orders");
        CreateChannelInput tables = tablesChannel("c", "orders");
        String longName = "n".repeat(129);
        String channelArn = ARN_PREFIX + "channel/id";
        return Stream.of(
                Arguments.of(
                        "CreateChannel without members",
                        new CreateChannelInput(null, null, null, null, null, null, null, null),
                        "3 validation errors detected: Value null at 'channelName' failed to satisfy constraint:"
                                + " Member must not be null; Value null at 'serviceExecutionRoleARN' failed to satisfy"
                                + " constraint: Member must not be null; Value null at 'streamConfigurationList'"
                                + " failed to satisfy constraint: Member must not be null"),
                Arguments.of(
                        "CreateChannel with a bad name",
                        new CreateChannelInput(
                                "a b",
                                ROLE,
                                s3.streamConfigurationList(),
                                s3.s3DestinationConfiguration(),
                                null,
                                null,
                                null,
                                null),
                        "1 validation error detected: Value 'a b' at 'channelName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                Arguments.of(
                        "CreateChannel with a long name",
                        new CreateChannelInput(
                                longName,
                                ROLE,
                                s3.streamConfigurationList(),
                                s3.s3DestinationConfiguration(),
                                null,
                                null,
                                null,
                                null),
                        "1 validation error detected: Value '" + longName + "' at 'channelName' failed to satisfy"
                                + " constraint: Member must have length less than or equal to 128"),
                Arguments.of(
                        "CreateChannel with a bad source",
                        withSource(
                                s3,
                                new ChannelStreamConfiguration(
                                        "arn:nope", new RecordConfiguration("XML", "arn:aws:glue:x"))),
                        "3 validation errors detected: Value 'arn:nope' at 'streamConfigurationList.1.member.streamARN'"
                                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+; Value 'XML' at"
                                + " 'streamConfigurationList.1.member.recordConfiguration.recordFormatType' failed to"
                                + " satisfy constraint: Member must satisfy enum value set: [GSR_JSON, JSON, STRING,"
                                + " BYTE_ARRAY]; Value 'arn:aws:glue:x' at"
                                + " 'streamConfigurationList.1.member.recordConfiguration.gSRSchemaARN' failed to"
                                + " satisfy constraint: Member must satisfy regular expression pattern:"
                                + " arn:aws[-a-z0-9]*:glue:[-a-z0-9]+:\\d{12}:schema/[-a-zA-Z0-9_$#.]+/"
                                + "[-a-zA-Z0-9_$#.]+"),
                Arguments.of(
                        "CreateChannel with a source without a record configuration",
                        withSource(s3, new ChannelStreamConfiguration(ARN_PREFIX + "stream/orders", null)),
                        "1 validation error detected: Value null at"
                                + " 'streamConfigurationList.1.member.recordConfiguration' failed to satisfy"
                                + " constraint: Member must not be null"),
                Arguments.of(
                        "CreateChannel with a bad S3 storage",
                        withS3(
                                s3,
                                new S3DestinationConfiguration(
                                        null,
                                        null,
                                        new S3StorageConfiguration("arn:aws:s3:::B", "12345", "a b", "COLD", "BZIP2"))),
                        "6 validation errors detected: Value 'arn:aws:s3:::B' at"
                                + " 's3DestinationConfiguration.storageConfiguration.bucketARN' failed to satisfy"
                                + " constraint: Member must satisfy regular expression pattern:"
                                + " arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}; Value '12345' at"
                                + " 's3DestinationConfiguration.storageConfiguration.expectedBucketOwner' failed to"
                                + " satisfy constraint: Member must satisfy regular expression pattern: \\d{12};"
                                + " Value '12345' at 's3DestinationConfiguration.storageConfiguration.expectedBucketOwner'"
                                + " failed to satisfy constraint: Member must have length greater than or equal to"
                                + " 12; Value 'a b' at 's3DestinationConfiguration.storageConfiguration.outputKeyTemplate'"
                                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " [0-9A-Za-z!\\-_'.*()\\/=:{}]+; Value 'COLD' at"
                                + " 's3DestinationConfiguration.storageConfiguration.storageClass' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [STANDARD, INTELLIGENT_TIERING,"
                                + " GLACIER_IR]; Value 'BZIP2' at"
                                + " 's3DestinationConfiguration.storageConfiguration.compressionType' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [NONE, GZIP, ZSTD]"),
                Arguments.of(
                        "CreateChannel with a bad compression and dead-letter queue",
                        withS3(
                                s3,
                                new S3DestinationConfiguration(
                                        null,
                                        new DeadLetterQueueS3Configuration(DLQ, null, "a b"),
                                        new S3StorageConfiguration(BUCKET, ACCOUNT, null, null, "SNAPPY"))),
                        "3 validation errors detected: Value 'SNAPPY' at"
                                + " 's3DestinationConfiguration.storageConfiguration.compressionType' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [NONE, GZIP, ZSTD]; Value null at"
                                + " 's3DestinationConfiguration.deadLetterQueueS3Configuration.expectedBucketOwner'"
                                + " failed to satisfy constraint: Member must not be null; Value 'a b' at"
                                + " 's3DestinationConfiguration.deadLetterQueueS3Configuration.errorOutputPrefix' failed"
                                + " to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " [0-9A-Za-z!\\-_'.*()\\/]+"),
                Arguments.of(
                        "CreateChannel with S3 without storage",
                        withS3(s3, new S3DestinationConfiguration(null, null, null)),
                        "1 validation error detected: Value null at 's3DestinationConfiguration.storageConfiguration'"
                                + " failed to satisfy constraint: Member must not be null"),
                Arguments.of(
                        "CreateChannel with S3 Tables without a dead-letter queue or tables",
                        withTablesDestination(tables, new S3TablesDestinationConfiguration(null, null, List.of())),
                        "2 validation errors detected: Value null at"
                                + " 's3TablesDestinationConfiguration.deadLetterQueueS3Configuration' failed to satisfy"
                                + " constraint: Member must not be null; Value '[]' at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList' failed to satisfy"
                                + " constraint: Member must have length greater than or equal to 1"),
                Arguments.of(
                        "CreateChannel with a bad table",
                        withTables(
                                tables,
                                List.of(new S3TablesConfiguration(
                                        "arn:aws:s3:::b",
                                        "Sales",
                                        null,
                                        "GZIP",
                                        new PartitionSpec(List.of(new PartitionField("TIME_DAY", "a b")))))),
                        "6 validation errors detected: Value 'arn:aws:s3:::b' at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.tableBucketARN'"
                                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " arn:aws[-a-z0-9]*:s3tables:[-a-z0-9]+:\\d{12}:bucket/[a-z0-9_-]{3,63}; Value"
                                + " 'Sales' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member"
                                + ".namespace' failed to satisfy constraint: Member must satisfy regular expression"
                                + " pattern: [0-9a-z_]+; Value null at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.tableName'"
                                + " failed to satisfy constraint: Member must not be null; Value 'GZIP' at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member"
                                + ".compressionType' failed to satisfy constraint: Member must satisfy enum value set:"
                                + " [NONE, ZSTD, SNAPPY]; Value 'TIME_DAY' at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec"
                                + ".partitionFields.1.member.transform' failed to satisfy constraint: Member must"
                                + " satisfy enum value set: [TIME_HOUR]; Value 'a b' at"
                                + " 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member.partitionSpec"
                                + ".partitionFields.1.member.sourceName' failed to satisfy constraint: Member must"
                                + " satisfy regular expression pattern: [a-zA-Z0-9\\.\\_]+"),
                Arguments.of(
                        "CreateChannel with eleven partition fields",
                        withTables(
                                tables,
                                List.of(new S3TablesConfiguration(
                                        TABLE_BUCKET,
                                        "sales",
                                        "orders",
                                        "NONE",
                                        new PartitionSpec(java.util.Collections.nCopies(
                                                11, new PartitionField("TIME_HOUR", "ts")))))),
                        "1 validation error detected: Value '"
                                + java.util.Collections.nCopies(11, new PartitionField("TIME_HOUR", "ts"))
                                + "' at 's3TablesDestinationConfiguration.s3TablesConfigurationList.1.member"
                                + ".partitionSpec.partitionFields' failed to satisfy constraint: Member must have"
                                + " length less than or equal to 10"),
                Arguments.of(
                        "CreateChannel with a bad encryption, tags and logging",
                        new CreateChannelInput(
                                "c",
                                ROLE,
                                s3.streamConfigurationList(),
                                s3.s3DestinationConfiguration(),
                                null,
                                new ChannelEncryptionConfiguration("AES", ""),
                                Map.of(),
                                new ChannelLoggingConfiguration(new CloudWatchLogs(null, "a b", "a:b"))),
                        "6 validation errors detected: Value 'AES' at 'encryptionConfiguration.encryptionType' failed"
                                + " to satisfy constraint: Member must satisfy enum value set: [KMS]; Value '' at"
                                + " 'encryptionConfiguration.keyId' failed to satisfy constraint: Member must have"
                                + " length greater than or equal to 1; Value '{}' at 'tags' failed to satisfy"
                                + " constraint: Member must have length greater than or equal to 1; Value null at"
                                + " 'loggingConfiguration.cloudWatchLogs.enabled' failed to satisfy constraint: Member"
                                + " must not be null; Value 'a b' at 'loggingConfiguration.cloudWatchLogs.logGroupName'"
                                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " [\\.\\-_/#A-Za-z0-9]+; Value 'a:b' at"
                                + " 'loggingConfiguration.cloudWatchLogs.logStreamName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: [^:*]*"),
                Arguments.of(
                        "DescribeChannel without an ARN",
                        new DescribeChannelInput(null),
                        "1 validation error detected: Value null at 'channelARN' failed to satisfy constraint: Member"
                                + " must not be null"),
                Arguments.of(
                        "DeleteChannel with a stream ARN",
                        new DeleteChannelInput(ARN_PREFIX + "stream/orders"),
                        "1 validation error detected: Value '" + ARN_PREFIX + "stream/orders' at 'channelARN' failed"
                                + " to satisfy constraint: Member must satisfy regular expression pattern:"
                                + " arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+"),
                Arguments.of(
                        "UpdateChannel without data freshness or logging settings",
                        new UpdateChannelInput(
                                channelArn,
                                new S3DestinationUpdateInput(null),
                                null,
                                new ChannelLoggingUpdateInput(null)),
                        "2 validation errors detected: Value null at 's3DestinationConfiguration.dataFreshnessInSeconds'"
                                + " failed to satisfy constraint: Member must not be null; Value null at"
                                + " 'loggingConfiguration.cloudWatchLogs' failed to satisfy constraint: Member must"
                                + " not be null"),
                Arguments.of(
                        "ListChannels out of range",
                        new ListChannelsInput(List.of(), 0, ""),
                        "3 validation errors detected: Value '0' at 'maxResults' failed to satisfy constraint: Member"
                                + " must have value greater than or equal to 1; Value '' at 'nextToken' failed to"
                                + " satisfy constraint: Member must have length greater than or equal to 1; Value '[]'"
                                + " at 'streamFilter' failed to satisfy constraint: Member must have length greater"
                                + " than or equal to 1"),
                Arguments.of(
                        "ListChannels with a filter without a stream",
                        new ListChannelsInput(List.of(new StreamFilter(null, null)), 10_001, null),
                        "2 validation errors detected: Value '10001' at 'maxResults' failed to satisfy constraint:"
                                + " Member must have value less than or equal to 10000; Value null at"
                                + " 'streamFilter.1.member.streamARN' failed to satisfy constraint: Member must not be"
                                + " null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void shouldAnswerValidationExceptionWhenAConstraintOfTheSpecIsBroken(String name, Object request, String message)
            throws Exception {
        // Given
        onDemand("orders");

        // When
        KinesisException error = failure(() -> run(request));

        // Then
        assertThat(error)
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage(message);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private CompletionStage<?> run(Object request) {
        if (request instanceof CreateChannelInput create) {
            return new CreateChannelOperation(services).execute(create, context);
        } else if (request instanceof DescribeChannelInput describe) {
            return new DescribeChannelOperation(services).execute(describe, context);
        } else if (request instanceof DeleteChannelInput delete) {
            return new DeleteChannelOperation(services).execute(delete, context);
        } else if (request instanceof UpdateChannelInput update) {
            return new UpdateChannelOperation(services).execute(update, context);
        } else if (request instanceof ListChannelsInput list) {
            return new ListChannelsOperation(services).execute(list, context);
        }
        throw new IllegalArgumentException(request.toString());
    }

    private void onDemand(String name) throws Exception {
        call(() -> new CreateStreamOperation(services)
                .execute(
                        new CreateStreamInput(name, null, new StreamModeDetails("ON_DEMAND"), null, null, null),
                        context));
    }

    private ChannelDescription create(CreateChannelInput input) throws Exception {
        return call(() -> new CreateChannelOperation(services).execute(input, context))
                .channelDescription();
    }

    private Object outcome(CreateChannelInput input) {
        try {
            return create(input);
        } catch (java.util.concurrent.ExecutionException e) {
            return io.shardgate.kinesis.mapping.KinesisErrors.toKinesis(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ChannelDescription describe(String arn) throws Exception {
        return call(() -> new DescribeChannelOperation(services).execute(new DescribeChannelInput(arn), context))
                .channelDescription();
    }

    private ListChannelsOutput list(ListChannelsInput input) throws Exception {
        return call(() -> new ListChannelsOperation(services).execute(input, context));
    }

    private List<String> names(ListChannelsInput input) throws Exception {
        return list(input).channelSummaries().stream()
                .map(ChannelSummary::channelName)
                .toList();
    }

    private KinesisException updateFailure(UpdateChannelInput input) {
        return failure(() -> new UpdateChannelOperation(services).execute(input, context));
    }

    private int channelCount(String stream) throws Exception {
        return call(() -> new DescribeStreamSummaryOperation(services)
                        .execute(new DescribeStreamSummaryInput(stream, null), context))
                .streamDescriptionSummary()
                .channelCount();
    }

    private static StreamFilter filter(String stream, Instant created) {
        return new StreamFilter(ARN_PREFIX + "stream/" + stream, created);
    }

    private static ChannelStreamConfiguration source(String stream, String format, String schema) {
        return new ChannelStreamConfiguration(ARN_PREFIX + "stream/" + stream, new RecordConfiguration(format, schema));
    }

    private static S3StorageConfiguration storage() {
        return new S3StorageConfiguration(BUCKET, ACCOUNT, null, null, "GZIP");
    }

    /** A channel to S3 with only the required members. */
    static CreateChannelInput s3Channel(String name, String stream) {
        return new CreateChannelInput(
                name,
                ROLE,
                List.of(source(stream, "JSON", null)),
                new S3DestinationConfiguration(null, null, storage()),
                null,
                null,
                null,
                null);
    }

    /** A channel to one streaming table with only the required members. */
    static CreateChannelInput tablesChannel(String name, String stream) {
        return new CreateChannelInput(
                name,
                ROLE,
                List.of(source(stream, "JSON", SCHEMA)),
                null,
                new S3TablesDestinationConfiguration(
                        null,
                        new DeadLetterQueueS3Configuration(DLQ, ACCOUNT, null),
                        List.of(new S3TablesConfiguration(
                                TABLE_BUCKET, "sales", name.replace('-', '_'), "NONE", null))),
                null,
                null,
                null);
    }

    static CreateChannelInput withSource(CreateChannelInput input, ChannelStreamConfiguration source) {
        return withSources(input, List.of(source));
    }

    static CreateChannelInput withSources(CreateChannelInput input, List<ChannelStreamConfiguration> sources) {
        return new CreateChannelInput(
                input.channelName(),
                input.serviceExecutionRoleArn(),
                sources,
                input.s3DestinationConfiguration(),
                input.s3TablesDestinationConfiguration(),
                input.encryptionConfiguration(),
                input.tags(),
                input.loggingConfiguration());
    }

    static CreateChannelInput withS3(CreateChannelInput input, S3DestinationConfiguration s3) {
        return new CreateChannelInput(
                input.channelName(),
                input.serviceExecutionRoleArn(),
                input.streamConfigurationList(),
                s3,
                null,
                input.encryptionConfiguration(),
                input.tags(),
                input.loggingConfiguration());
    }

    static CreateChannelInput withTablesDestination(CreateChannelInput input, S3TablesDestinationConfiguration tables) {
        return new CreateChannelInput(
                input.channelName(),
                input.serviceExecutionRoleArn(),
                input.streamConfigurationList(),
                null,
                tables,
                input.encryptionConfiguration(),
                input.tags(),
                input.loggingConfiguration());
    }

    static CreateChannelInput withTables(CreateChannelInput input, List<S3TablesConfiguration> tables) {
        S3TablesDestinationConfiguration given = input.s3TablesDestinationConfiguration();
        return withTablesDestination(
                input,
                new S3TablesDestinationConfiguration(
                        given.dataFreshnessInSeconds(), given.deadLetterQueueS3Configuration(), tables));
    }

    static CreateChannelInput withTablesFreshness(CreateChannelInput input, int seconds) {
        S3TablesDestinationConfiguration given = input.s3TablesDestinationConfiguration();
        return withTablesDestination(
                input,
                new S3TablesDestinationConfiguration(
                        seconds, given.deadLetterQueueS3Configuration(), given.s3TablesConfigurationList()));
    }

    static CreateChannelInput withKey(CreateChannelInput input, String keyId) {
        return new CreateChannelInput(
                input.channelName(),
                input.serviceExecutionRoleArn(),
                input.streamConfigurationList(),
                input.s3DestinationConfiguration(),
                input.s3TablesDestinationConfiguration(),
                new ChannelEncryptionConfiguration("KMS", keyId),
                input.tags(),
                input.loggingConfiguration());
    }
}
