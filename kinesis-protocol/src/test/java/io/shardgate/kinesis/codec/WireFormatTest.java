package io.shardgate.kinesis.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

import io.shardgate.kinesis.model.ChannelDescription;
import io.shardgate.kinesis.model.ChannelEncryptionConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingConfiguration;
import io.shardgate.kinesis.model.ChannelLoggingUpdateInput;
import io.shardgate.kinesis.model.ChannelStreamConfiguration;
import io.shardgate.kinesis.model.ChannelStreamDescription;
import io.shardgate.kinesis.model.ChannelStreamIdentifier;
import io.shardgate.kinesis.model.ChannelSummary;
import io.shardgate.kinesis.model.ChildShard;
import io.shardgate.kinesis.model.CloudWatchLogs;
import io.shardgate.kinesis.model.CloudWatchLogsUpdateInput;
import io.shardgate.kinesis.model.CreateChannelInput;
import io.shardgate.kinesis.model.CreateChannelOutput;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.DeadLetterQueueS3Configuration;
import io.shardgate.kinesis.model.DeleteStreamInput;
import io.shardgate.kinesis.model.DescribeAccountSettingsInput;
import io.shardgate.kinesis.model.DescribeAccountSettingsOutput;
import io.shardgate.kinesis.model.DescribeLimitsOutput;
import io.shardgate.kinesis.model.DescribeStreamInput;
import io.shardgate.kinesis.model.DescribeStreamOutput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryOutput;
import io.shardgate.kinesis.model.EnhancedMetrics;
import io.shardgate.kinesis.model.GetRecordsInput;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.GetShardIteratorOutput;
import io.shardgate.kinesis.model.HashKeyRange;
import io.shardgate.kinesis.model.ListChannelsInput;
import io.shardgate.kinesis.model.ListChannelsOutput;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListShardsOutput;
import io.shardgate.kinesis.model.ListStreamsInput;
import io.shardgate.kinesis.model.ListStreamsOutput;
import io.shardgate.kinesis.model.MinimumThroughputBillingCommitmentInput;
import io.shardgate.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import io.shardgate.kinesis.model.PartitionField;
import io.shardgate.kinesis.model.PartitionSpec;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.kinesis.model.PutRecordOutput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.PutRecordsResultEntry;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.model.RecordConfiguration;
import io.shardgate.kinesis.model.S3DestinationConfiguration;
import io.shardgate.kinesis.model.S3StorageConfiguration;
import io.shardgate.kinesis.model.S3TablesConfiguration;
import io.shardgate.kinesis.model.S3TablesDestinationDescription;
import io.shardgate.kinesis.model.S3TablesDestinationUpdateInput;
import io.shardgate.kinesis.model.SequenceNumberRange;
import io.shardgate.kinesis.model.Shard;
import io.shardgate.kinesis.model.ShardFilter;
import io.shardgate.kinesis.model.StreamDescription;
import io.shardgate.kinesis.model.StreamDescriptionSummary;
import io.shardgate.kinesis.model.StreamFilter;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.StreamSummary;
import io.shardgate.kinesis.model.UpdateAccountSettingsInput;
import io.shardgate.kinesis.model.UpdateAccountSettingsOutput;
import io.shardgate.kinesis.model.UpdateChannelInput;
import io.shardgate.kinesis.model.UpdateMaxRecordSizeInput;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputInput;
import io.shardgate.kinesis.model.UpdateStreamWarmThroughputOutput;
import io.shardgate.kinesis.model.WarmThroughputObject;

/** Every Kinesis shape round-trips in JSON and in CBOR; blobs and timestamps take each format's AWS encoding. */
class WireFormatTest {

    private static final Instant WHEN = Instant.ofEpochMilli(1_459_799_926_480L);
    private static final byte[] DATA = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
    private static final HashKeyRange RANGE = new HashKeyRange("0", "340282366920938463463374607431768211455");
    private static final Shard SHARD = new Shard(
            "shardId-000000000002",
            "shardId-000000000000",
            "shardId-000000000001",
            RANGE,
            new SequenceNumberRange("49590338271490256608559692538361571095921575989136588898", null));

    static Stream<Arguments> shapes() {
        List<Object> shapes = List.of(
                new CreateStreamInput("s", 2, new StreamModeDetails("PROVISIONED"), Map.of("team", "a"), null, 2048),
                new UpdateMaxRecordSizeInput("arn:aws:kinesis:us-east-1:000000000000:stream/s", 10240),
                new DeleteStreamInput("s", true, null),
                new DescribeStreamInput(
                        null, 10, "shardId-000000000001", "arn:aws:kinesis:us-east-1:000000000000:stream/s"),
                new DescribeStreamSummaryInput("s", null),
                new ListStreamsInput(5, "a", null),
                new ListShardsInput("s", null, null, 100, WHEN, new ShardFilter("AT_TIMESTAMP", null, WHEN), null),
                new PutRecordInput("s", DATA, "pk", "42", null, null, null),
                new PutRecordsInput(
                        List.of(
                                new PutRecordsRequestEntry(DATA, null, "a"),
                                new PutRecordsRequestEntry(new byte[0], "7", "b")),
                        "s",
                        null,
                        null),
                new GetShardIteratorInput("s", "shardId-000000000000", "AT_TIMESTAMP", null, WHEN, null, null),
                new GetRecordsInput("iterator", 100, null, null),
                new DescribeStreamOutput(new StreamDescription(
                        "s",
                        "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                        "ACTIVE",
                        new StreamModeDetails("ON_DEMAND"),
                        List.of(SHARD),
                        false,
                        24,
                        WHEN,
                        List.of(new EnhancedMetrics(List.of("IncomingBytes"))),
                        "KMS",
                        "alias/aws/kinesis")),
                new DescribeStreamSummaryOutput(new StreamDescriptionSummary(
                        "s",
                        "arn",
                        "CREATING",
                        new StreamModeDetails("PROVISIONED"),
                        48,
                        WHEN,
                        List.of(),
                        "NONE",
                        null,
                        3,
                        0,
                        10240,
                        null,
                        "USER_PARTITION_KEY",
                        0)),
                new DescribeStreamSummaryOutput(new StreamDescriptionSummary(
                        "s",
                        "arn",
                        "UPDATING",
                        new StreamModeDetails("ON_DEMAND"),
                        24,
                        WHEN,
                        List.of(new EnhancedMetrics(List.of())),
                        "NONE",
                        null,
                        4,
                        1,
                        1024,
                        new WarmThroughputObject(200, 50),
                        "USER_PARTITION_KEY",
                        2)),
                new DescribeAccountSettingsInput(),
                new DescribeAccountSettingsOutput(new MinimumThroughputBillingCommitmentOutput(
                        "ENABLED_UNTIL_EARLIEST_ALLOWED_END", WHEN, null, WHEN.plusSeconds(86_400))),
                new DescribeAccountSettingsOutput(
                        new MinimumThroughputBillingCommitmentOutput("DISABLED", WHEN, WHEN.plusSeconds(90_000), WHEN)),
                new UpdateAccountSettingsInput(new MinimumThroughputBillingCommitmentInput("ENABLED")),
                new UpdateAccountSettingsOutput(
                        new MinimumThroughputBillingCommitmentOutput("ENABLED", WHEN, null, WHEN.plusSeconds(86_400))),
                new UpdateStreamWarmThroughputInput("arn:aws:kinesis:us-east-1:000000000000:stream/s", "s", 0),
                new UpdateStreamWarmThroughputOutput(
                        "arn:aws:kinesis:us-east-1:000000000000:stream/s", "s", new WarmThroughputObject(100, null)),
                new ListStreamsOutput(
                        List.of("a", "b"),
                        true,
                        "token",
                        List.of(new StreamSummary("a", "arn", "ACTIVE", new StreamModeDetails("PROVISIONED"), WHEN))),
                new ListShardsOutput(List.of(SHARD), null),
                new PutRecordOutput("shardId-000000000000", "1", null),
                new PutRecordsOutput(
                        1,
                        List.of(
                                new PutRecordsResultEntry("1", "shardId-000000000000", null, null),
                                new PutRecordsResultEntry(null, null, "InternalFailure", "Internal service failure.")),
                        null),
                new GetShardIteratorOutput("iterator"),
                new CreateChannelInput(
                        "c",
                        "arn:aws:iam::000000000000:role/r",
                        List.of(new ChannelStreamConfiguration(
                                "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                                new RecordConfiguration("JSON", null))),
                        new S3DestinationConfiguration(
                                600,
                                new DeadLetterQueueS3Configuration("arn:aws:s3:::dlq", "000000000000", null),
                                new S3StorageConfiguration(
                                        "arn:aws:s3:::b", "000000000000", null, "GLACIER_IR", "ZSTD")),
                        null,
                        new ChannelEncryptionConfiguration("KMS", "alias/mine"),
                        Map.of("team", "a"),
                        new ChannelLoggingConfiguration(new CloudWatchLogs(true, "/g", null))),
                new CreateChannelOutput(new ChannelDescription(
                        "c",
                        "arn:aws:kinesis:us-east-1:000000000000:channel/id",
                        "id",
                        "FAILED",
                        "gone",
                        WHEN,
                        "arn:aws:iam::000000000000:role/r",
                        List.of(new ChannelStreamDescription(
                                "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                                WHEN,
                                new RecordConfiguration("GSR_JSON", "arn:aws:glue:us-east-1:000000000000:schema/r/s"))),
                        null,
                        new S3TablesDestinationDescription(
                                300,
                                new DeadLetterQueueS3Configuration("arn:aws:s3:::dlq", "000000000000", "p/"),
                                List.of(new S3TablesConfiguration(
                                        "arn:aws:s3tables:us-east-1:000000000000:bucket/t",
                                        "ns",
                                        "t",
                                        "SNAPPY",
                                        new PartitionSpec(List.of(new PartitionField("TIME_HOUR", "ts")))))),
                        null,
                        new ChannelLoggingConfiguration(new CloudWatchLogs(false, "/g", "DestinationDelivery")))),
                new ListChannelsInput(
                        List.of(new StreamFilter("arn:aws:kinesis:us-east-1:000000000000:stream/s", WHEN)), 10, null),
                new ListChannelsOutput(
                        List.of(new ChannelSummary(
                                "c",
                                "arn:aws:kinesis:us-east-1:000000000000:channel/id",
                                "id",
                                "ACTIVE",
                                null,
                                WHEN,
                                "S3",
                                List.of(new ChannelStreamIdentifier(
                                        "arn:aws:kinesis:us-east-1:000000000000:stream/s", WHEN)))),
                        "token"),
                new UpdateChannelInput(
                        "arn:aws:kinesis:us-east-1:000000000000:channel/id",
                        null,
                        new S3TablesDestinationUpdateInput(900),
                        new ChannelLoggingUpdateInput(new CloudWatchLogsUpdateInput(false, null, "s"))),
                new DescribeLimitsOutput(500, 3, 1, 1_000_000, 2, 1_000_000),
                new GetRecordsOutput(
                        List.of(new Record("1", WHEN, ByteBuffer.wrap(DATA), "pk", null)),
                        null,
                        0L,
                        List.of(new ChildShard("shardId-000000000003", List.of("shardId-000000000002"), RANGE))));
        return Stream.of(WireFormat.values())
                .flatMap(format -> shapes.stream().map(shape -> Arguments.of(format, shape)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("shapes")
    void shouldRoundTripEveryShapeWhenEncodedAndDecoded(WireFormat format, Object shape) throws Exception {
        // When
        byte[] bytes = format.mapper().writeValueAsBytes(shape);
        Object back = format.mapper().readValue(bytes, shape.getClass());

        // Then
        assertThat(back).isEqualTo(shape);
    }

    @Test
    void shouldWriteBlobsAsBase64AndTimestampsAsSecondsWhenJson() throws Exception {
        // When
        JsonNode json = WireFormat.JSON
                .mapper()
                .readTree(WireFormat.JSON
                        .mapper()
                        .writeValueAsBytes(new Record("1", WHEN, ByteBuffer.wrap(DATA), "pk", null)));

        // Then
        assertThat(json.get("Data").asText()).isEqualTo("AAEC/v8=");
        assertThat(json.get("ApproximateArrivalTimestamp").decimalValue()).isEqualByComparingTo("1459799926.48");
        assertThat(json.has("EncryptionType")).isFalse();
    }

    @Test
    void shouldWriteByteStringsAndTaggedMillisecondsWhenCbor() throws Exception {
        // When
        byte[] bytes =
                WireFormat.CBOR.mapper().writeValueAsBytes(new Record("1", WHEN, ByteBuffer.wrap(DATA), "pk", null));

        // Then the blob is a CBOR byte string and the timestamp tag 1 around epoch milliseconds
        try (CBORParser parser = new CBORFactory().createParser(bytes)) {
            boolean sawTimestamp = false;
            boolean sawData = false;
            while (parser.nextToken() != null) {
                if (parser.currentToken() != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("ApproximateArrivalTimestamp")) {
                    assertThat(value).isEqualTo(JsonToken.VALUE_NUMBER_INT);
                    assertThat(parser.getCurrentTag()).isEqualTo(AwsTimestamps.CBOR_EPOCH_TAG);
                    assertThat(parser.getLongValue()).isEqualTo(WHEN.toEpochMilli());
                    sawTimestamp = true;
                } else if (name.equals("Data")) {
                    assertThat(value).isEqualTo(JsonToken.VALUE_EMBEDDED_OBJECT);
                    assertThat(parser.getBinaryValue()).containsExactly(DATA);
                    sawData = true;
                }
            }
            assertThat(sawTimestamp).isTrue();
            assertThat(sawData).isTrue();
        }
    }

    @Test
    void shouldReadIsoAndSecondTimestampsWhenJsonCarriesEither() throws Exception {
        // Given / When
        GetShardIteratorInput iso = WireFormat.JSON
                .mapper()
                .readValue("{\"Timestamp\":\"2016-04-04T19:58:46.480-00:00\"}", GetShardIteratorInput.class);
        GetShardIteratorInput seconds =
                WireFormat.JSON.mapper().readValue("{\"Timestamp\":1459799926.480}", GetShardIteratorInput.class);

        // Then
        assertThat(iso.timestamp()).isEqualTo(WHEN);
        assertThat(seconds.timestamp()).isEqualTo(WHEN);
    }

    @Test
    void shouldRefuseCoercionWhenAMemberHasTheWrongType() {
        // When / Then
        assertThatThrownBy(() -> WireFormat.JSON.mapper().readValue("{\"ShardCount\":\"2\"}", CreateStreamInput.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> WireFormat.JSON.mapper().readValue("{\"StreamName\":5}", CreateStreamInput.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> WireFormat.JSON.mapper().readValue("{\"Data\":\"%%%\"}", PutRecordInput.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void shouldIgnoreUnknownMembersWhenAwsAddsThem() throws Exception {
        // When
        DescribeStreamSummaryInput input = WireFormat.JSON
                .mapper()
                .readValue("{\"StreamName\":\"s\",\"Future\":{\"x\":1}}", DescribeStreamSummaryInput.class);

        // Then
        assertThat(input.streamName()).isEqualTo("s");
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldFindTheFormatWhenTheContentTypeHasParameters(WireFormat format) {
        assertThat(WireFormat.ofContentType(format.contentType() + "; charset=utf-8"))
                .contains(format);
        assertThat(WireFormat.ofContentType("text/plain")).isEmpty();
        assertThat(WireFormat.ofContentType(null)).isEmpty();
    }

    @Test
    void shouldPrintSecondsWithoutTrailingZerosWhenWholeMilliseconds() {
        assertThat(AwsTimestamps.epochSeconds(Instant.ofEpochSecond(10))).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(new String(
                        WireFormat.JSON
                                .mapper()
                                .valueToTree(new GetShardIteratorOutput("x"))
                                .toString()
                                .getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"ShardIterator\":\"x\"}");
    }
}
