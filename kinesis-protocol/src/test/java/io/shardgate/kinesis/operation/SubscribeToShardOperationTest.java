package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;

import software.amazon.awssdk.eventstream.Message;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.eventstream.EventSink;
import io.shardgate.kinesis.eventstream.EventStreamOutput;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.DeleteStreamInput;
import io.shardgate.kinesis.model.DeregisterStreamConsumerInput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.model.RegisterStreamConsumerInput;
import io.shardgate.kinesis.model.SplitShardInput;
import io.shardgate.kinesis.model.StartingPosition;
import io.shardgate.kinesis.model.SubscribeToShardEvent;
import io.shardgate.kinesis.model.SubscribeToShardInput;
import io.shardgate.store.limits.KinesisQuotas;
import io.shardgate.store.limits.Limits;
import io.shardgate.store.limits.LimitsProfile;

/**
 * SubscribeToShard against a real LMDB store, with a sink that records the framed messages (decoded by the AWS SDK's
 * event-stream codec) and whose writability the test controls: every starting position, records pushed as they are
 * appended, resubscribing at the continuation, the one-subscription-per-consumer-and-shard rule, the lifetime, the
 * end of a closed shard, backpressure, failures mid-stream as exception events, and validation from service-2.json.
 */
class SubscribeToShardOperationTest extends OperationsFixture {

    private static final String STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/s";
    private static final String SHARD = "shardId-000000000000";

    private DefaultEventLoop eventLoop;
    private SubscribeToShardOperation operation;
    private String consumerArn;

    @BeforeEach
    void startLoop() throws Exception {
        eventLoop = new DefaultEventLoop();
        create("s", 1);
        consumerArn = call(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(STREAM_ARN, "efo"), context))
                .consumer()
                .consumerArn();
        operation = new SubscribeToShardOperation(services);
    }

    @AfterEach
    void stopLoop() throws Exception {
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldPushRecordsAsTheyAreAppendedWhenSubscribedAtLatest() throws Exception {
        // Given a record before the subscription
        putAll("before");

        // When subscribed at LATEST, then two records are put
        Sink sink = subscribe(new StartingPosition("LATEST", null, null));
        sink.awaitMessages(1);
        putAll("one", "two");

        // Then the stream opened with the initial response and the two records came in order, without "before"
        sink.eventually(() -> assertThat(sink.records())
                .extracting(SubscribeToShardOperationTest::text)
                .containsExactly("one", "two"));
        assertThat(sink.messages.get(0).getHeaders().get(":event-type").getString())
                .isEqualTo("initial-response");
        SubscribeToShardEvent last = sink.events().get(sink.events().size() - 1);
        assertThat(last.continuationSequenceNumber()).isEqualTo(seq(2));
        assertThat(last.millisBehindLatest()).isZero();
        assertThat(last.childShards()).isNull();
        assertThat(sink.ended).isFalse();
    }

    static Stream<Arguments> positions() {
        return Stream.of(
                Arguments.of("TRIM_HORIZON", List.of("r0", "r1", "r2", "r3")),
                Arguments.of("AT_SEQUENCE_NUMBER", List.of("r2", "r3")),
                Arguments.of("AFTER_SEQUENCE_NUMBER", List.of("r3")),
                Arguments.of("AT_TIMESTAMP", List.of("r1", "r2", "r3")),
                Arguments.of("LATEST", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positions")
    void shouldStartAtTheRightRecordForEveryStartingPosition(String type, List<String> expected) throws Exception {
        // Given four records, one second apart
        Instant second = null;
        for (int i = 0; i < 4; i++) {
            if (i == 1) {
                second = clock.instant();
            }
            putAll("r" + i);
            clock.advance(1000);
        }

        // When subscribed
        StartingPosition position =
                switch (type) {
                    case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> new StartingPosition(type, seq(2), null);
                    case "AT_TIMESTAMP" -> new StartingPosition(type, null, second);
                    default -> new StartingPosition(type, null, null);
                };
        Sink sink = subscribe(position);

        // Then
        if (expected.isEmpty()) {
            sink.awaitMessages(1);
            putAll("later");
            sink.eventually(() -> assertThat(sink.records())
                    .extracting(SubscribeToShardOperationTest::text)
                    .containsExactly("later"));
        } else {
            sink.eventually(() -> assertThat(sink.records())
                    .extracting(SubscribeToShardOperationTest::text)
                    .containsExactlyElementsOf(expected));
        }
    }

    @Test
    void shouldLoseAndRepeatNothingWhenResubscribingAfterTheContinuation() throws Exception {
        // Given a subscription from the start of an empty shard that ends after its lifetime
        services = new KinesisServices(
                store, services.iterators(), clock, services.config().withSubscriptionLifetimeMs(400));
        operation = new SubscribeToShardOperation(services);
        List<String> seen = new ArrayList<>();
        String continuation = null;
        int round = 0;
        // When records keep coming while the consumer resubscribes AFTER_SEQUENCE_NUMBER its last continuation
        while (round < 4) {
            StartingPosition position = continuation == null
                    ? new StartingPosition("TRIM_HORIZON", null, null)
                    : new StartingPosition("AFTER_SEQUENCE_NUMBER", continuation, null);
            Sink sink = subscribe(position);
            putAll("a" + round, "b" + round);
            sink.awaitEnd();
            sink.records().forEach(record -> seen.add(text(record)));
            continuation = sink.events().isEmpty()
                    ? continuation
                    : sink.events().get(sink.events().size() - 1).continuationSequenceNumber();
            round++;
            // AWS refuses a new call within 5 seconds of the last successful one
            clock.advance(KinesisListenerConfig.DEFAULT_SUBSCRIPTION_HOLD_MS);
        }

        // Then every record once, in order
        assertThat(seen).containsExactly("a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3");
        assertThat(operation.activeSubscriptions()).isZero();
    }

    @Test
    void shouldStartAtTheFirstRecordWhenGivenTheContinuationOfAnEmptyShard() throws Exception {
        // Given the continuation an event carries before the shard's first record
        String beforeFirst =
                SequenceNumbers.continuation(store.stream("s").orElseThrow().shard(0), 0);

        // When a subscription continues AFTER it, and a record arrives
        Sink sink = subscribe(new StartingPosition("AFTER_SEQUENCE_NUMBER", beforeFirst, null));
        putAll("first");

        // Then the first record is not skipped
        sink.eventually(() -> assertThat(sink.records())
                .extracting(SubscribeToShardOperationTest::text)
                .containsExactly("first"));
        assertThat(new java.math.BigInteger(beforeFirst)).isLessThan(new java.math.BigInteger(seq(0)));
    }

    @Test
    void shouldRefuseASecondSubscriptionWhileTheFirstIsActive() throws Exception {
        // Given
        Sink first = subscribe(new StartingPosition("LATEST", null, null));

        // When
        KinesisException refused = failure(() -> operation.execute(
                new SubscribeToShardInput(consumerArn, SHARD, new StartingPosition("LATEST", null, null), null),
                context));

        // Then AWS's ResourceInUseException
        assertThat(refused)
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Another active subscription exists for this consumer: 123456789012:s:" + SHARD + ":efo");

        // And once the first is gone (the client left), the slot is still held until 5 seconds after the first call
        eventLoop.submit(first.output::cancel).get(5, TimeUnit.SECONDS);
        clock.advance(KinesisListenerConfig.DEFAULT_SUBSCRIPTION_HOLD_MS - 1);
        assertThat(failure(() -> operation.execute(
                        new SubscribeToShardInput(consumerArn, SHARD, new StartingPosition("LATEST", null, null), null),
                        context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage(refused.getMessage());
        clock.advance(1);
        Sink second = subscribe(new StartingPosition("LATEST", null, null));
        second.awaitMessages(1);
    }

    @Test
    void shouldAllowOneCallPerSecondPerConsumerAndShardUnderAKinesisProfile() throws Exception {
        // Given a stream under kinesis-provisioned, a ledger on a ticker moved by hand, and no hold
        long[] nanos = {1_000_000_000L};
        services = new KinesisServices(
                store,
                services.iterators(),
                clock,
                services.config().withSubscriptionHoldMs(0),
                new Limits(LimitsProfile.UNLIMITED, KinesisQuotas.DEFAULT_SHARD_QUOTA, () -> nanos[0]));
        operation = new SubscribeToShardOperation(services);
        store.alterStream("s", settings -> settings.withLimitsProfile("kinesis-provisioned"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        Sink first = subscribe(new StartingPosition("LATEST", null, null));
        eventLoop.submit(first.output::cancel).get(5, TimeUnit.SECONDS);

        // When the consumer calls again within the second
        KinesisException refused = failure(() -> operation.execute(
                new SubscribeToShardInput(consumerArn, SHARD, new StartingPosition("LATEST", null, null), null),
                context));

        // Then AWS's LimitExceededException, and a second later the call goes through
        assertThat(refused)
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error)
                .hasMessage("Rate exceeded for consumer " + consumerArn + " and shard " + SHARD
                        + " under account 123456789012.");
        nanos[0] += TimeUnit.SECONDS.toNanos(1);
        subscribe(new StartingPosition("LATEST", null, null)).awaitMessages(1);
    }

    @Test
    void shouldEndCleanlyWhenTheLifetimeIsOver() throws Exception {
        // Given a short lifetime
        services = new KinesisServices(
                store, services.iterators(), clock, services.config().withSubscriptionLifetimeMs(300));
        operation = new SubscribeToShardOperation(services);

        // When
        Sink sink = subscribe(new StartingPosition("TRIM_HORIZON", null, null));

        // Then the stream ends without an exception and the slot is free
        sink.awaitEnd();
        assertThat(sink.messages)
                .allMatch(message ->
                        message.getHeaders().get(":message-type").getString().equals("event"));
        assertThat(operation.activeSubscriptions()).isZero();
    }

    @Test
    void shouldSendChildShardsAndEndWhenTheClosedShardIsDrained() throws Exception {
        // Given a record in a shard that is then split
        putAll("parent");
        call(() -> new SplitShardOperation(services)
                .execute(new SplitShardInput("s", SHARD, "170141183460469231731687303715884105728", null), context));

        // When
        Sink sink = subscribe(new StartingPosition("TRIM_HORIZON", null, null));

        // Then the record, then the children without a continuation (AWS's end of shard, which the KCL checks), then
        // the end
        sink.awaitEnd();
        assertThat(sink.records())
                .extracting(SubscribeToShardOperationTest::text)
                .containsExactly("parent");
        SubscribeToShardEvent last = sink.events().get(sink.events().size() - 1);
        assertThat(last.childShards())
                .extracting(io.shardgate.kinesis.model.ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(sink.events().subList(0, sink.events().size() - 1))
                .allSatisfy(event -> assertThat(event.childShards()).isNull())
                .allSatisfy(
                        event -> assertThat(event.continuationSequenceNumber()).isNotNull());
    }

    @Test
    void shouldStopReadingWhileTheSubscriberIsSlow() throws Exception {
        // Given a subscriber that takes nothing more after the initial response
        Sink sink = new Sink(WireFormat.CBOR);
        sink.writable = false;
        putAll("x1", "x2");
        EventStreamOutput output = call(() -> operation.execute(
                new SubscribeToShardInput(consumerArn, SHARD, new StartingPosition("TRIM_HORIZON", null, null), null),
                context));
        sink.output = output;
        eventLoop.submit(() -> output.start(sink)).get(5, TimeUnit.SECONDS);

        // When records are there to send
        Thread.sleep(200);

        // Then nothing but the initial response went out
        assertThat(sink.messages).hasSize(1);

        // When it becomes writable again
        sink.writable = true;
        eventLoop.submit(output::writable).get(5, TimeUnit.SECONDS);

        // Then the records follow
        sink.eventually(() -> assertThat(sink.records())
                .extracting(SubscribeToShardOperationTest::text)
                .containsExactly("x1", "x2"));
    }

    @Test
    void shouldPaceEventsToTwoMebibytesPerSecondPerConsumerUnderAKinesisProfile() throws Exception {
        // Given six records of 1,000 KiB in a stream then put under kinesis-provisioned
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[1000 * 1024];
            data[0] = (byte) i;
            List<PutRecordsRequestEntry> one = List.of(new PutRecordsRequestEntry(data, null, "k" + i));
            call(() -> new PutRecordsOperation(services).execute(new PutRecordsInput(one, "s", null, null), context));
        }
        store.alterStream("s", settings -> settings.withLimitsProfile("kinesis-provisioned"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        // When subscribed from the start: two records per event, the second event leaves the budget 1.9 MiB short
        Sink sink = subscribe(new StartingPosition("TRIM_HORIZON", null, null));
        sink.eventually(() -> assertThat(sink.records()).hasSize(6));

        // Then the third event waited until that was paid off (about 0.95 s after the second was sent): a lower bound,
        // which a slow machine only makes longer
        assertThat(sink.records())
                .extracting(record -> (int) record.data().get(record.data().position()))
                .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(sink.events()).hasSize(3);
        // messages: the initial response, then the three events
        assertThat(sink.sentNanos).hasSize(4);
        assertThat(sink.sentNanos.get(3) - sink.sentNanos.get(2)).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(800));
    }

    @Test
    void shouldEndWithAnExceptionEventWhenTheStreamIsDeletedMidStream() throws Exception {
        // Given
        Sink sink = subscribe(new StartingPosition("LATEST", null, null));
        sink.awaitMessages(1);

        // When the stream is deleted with its consumers
        call(() -> new DeleteStreamOperation(services).execute(new DeleteStreamInput("s", true, null), context));

        // Then an exception event, as AWS sends one, ends the stream
        sink.awaitEnd();
        Message last = sink.messages.get(sink.messages.size() - 1);
        assertThat(last.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(last.getHeaders().get(":exception-type").getString()).isEqualTo("ResourceNotFoundException");
        assertThat(new String(last.getPayload(), StandardCharsets.UTF_8)).contains("not found");
    }

    @Test
    void shouldAnswerErrorsBeforeStreamingWhenTheConsumerOrShardIsWrong() throws Exception {
        StartingPosition latest = new StartingPosition("LATEST", null, null);
        assertThat(failure(() -> operation.execute(
                        new SubscribeToShardInput(STREAM_ARN + "/consumer/efo:1", SHARD, latest, null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        assertThat(failure(() -> operation.execute(
                        new SubscribeToShardInput(consumerArn, "shardId-000000000009", latest, null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Shard shardId-000000000009 in stream s under account 123456789012 does not exist");
        assertThat(failure(() -> operation.execute(
                        new SubscribeToShardInput(
                                consumerArn, SHARD, new StartingPosition("AT_SEQUENCE_NUMBER", null, null), null),
                        context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
        assertThat(failure(
                        () -> operation.execute(new SubscribeToShardInput(consumerArn, SHARD, latest, true), context)))
                .returns(KinesisError.DRY_RUN_OPERATION, KinesisException::error);
        // A consumer that is no longer ACTIVE
        services = services(60_000);
        call(() -> new DeregisterStreamConsumerOperation(services)
                .execute(new DeregisterStreamConsumerInput(null, null, consumerArn), context));
        assertThat(failure(() -> new SubscribeToShardOperation(services)
                        .execute(new SubscribeToShardInput(consumerArn, SHARD, latest, null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Consumer efo with creation timestamp 1767225600 under stream: s , account"
                        + " 123456789012 is not in ACTIVE status.");
        assertThat(operation.activeSubscriptions()).isZero();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of(
                        "no members",
                        (Supplier<SubscribeToShardInput>) () -> new SubscribeToShardInput(null, null, null, null),
                        "3 validation errors detected: Value null at 'consumerARN' failed to satisfy constraint:"
                                + " Member must not be null; Value null at 'shardId' failed to satisfy constraint:"
                                + " Member must not be null; Value null at 'startingPosition' failed to satisfy"
                                + " constraint: Member must not be null"),
                Arguments.of(
                        "bad position type and sequence number",
                        (Supplier<SubscribeToShardInput>) () -> new SubscribeToShardInput(
                                STREAM_ARN + "/consumer/efo:1", SHARD, new StartingPosition("FIRST", "01", null), null),
                        "2 validation errors detected: Value 'FIRST' at 'startingPosition.type' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER,"
                                + " AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]; Value '01' at"
                                + " 'startingPosition.sequenceNumber' failed to satisfy constraint: Member must"
                                + " satisfy regular expression pattern: 0|([1-9]\\d{0,128})"),
                Arguments.of(
                        "a stream ARN as consumer ARN, a bad shard id",
                        (Supplier<SubscribeToShardInput>) () -> new SubscribeToShardInput(
                                STREAM_ARN, "shard 0", new StartingPosition(null, null, null), null),
                        "3 validation errors detected: Value '" + STREAM_ARN + "' at 'consumerARN' failed to"
                                + " satisfy constraint: Member must satisfy regular expression pattern:"
                                + " ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/"
                                + "[a-zA-Z0-9_.-]+:[0-9]+; Value 'shard 0' at 'shardId' failed to satisfy"
                                + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+;"
                                + " Value null at 'startingPosition.type' failed to satisfy constraint: Member must"
                                + " not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void shouldAnswerValidationExceptionWhenAConstraintOfTheSpecIsBroken(
            String name, Supplier<SubscribeToShardInput> input, String message) {
        assertThat(failure(() -> operation.execute(input.get(), context)))
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage(message);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void shouldWriteEventPayloadsInTheRequestsFormat(WireFormat format) throws Exception {
        // Given
        Sink sink = new Sink(format);
        putAll("payload");
        EventStreamOutput output = call(() -> operation.execute(
                new SubscribeToShardInput(consumerArn, SHARD, new StartingPosition("TRIM_HORIZON", null, null), null),
                context));
        sink.output = output;

        // When
        eventLoop.submit(() -> output.start(sink)).get(5, TimeUnit.SECONDS);

        // Then every message says its format and parses in it
        sink.eventually(() -> assertThat(sink.records()).hasSize(1));
        assertThat(sink.messages)
                .allMatch(message ->
                        message.getHeaders().get(":content-type").getString().equals(format.contentType()));
        assertThat(sink.events().get(0).records().get(0).approximateArrivalTimestamp())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Sink subscribe(StartingPosition position) throws Exception {
        Sink sink = new Sink(WireFormat.JSON);
        EventStreamOutput output =
                call(() -> operation.execute(new SubscribeToShardInput(consumerArn, SHARD, position, null), context));
        sink.output = output;
        eventLoop.submit(() -> output.start(sink)).get(5, TimeUnit.SECONDS);
        return sink;
    }

    private void putAll(String... values) throws Exception {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (String value : values) {
            entries.add(new PutRecordsRequestEntry(value.getBytes(StandardCharsets.UTF_8), null, "k"));
        }
        call(() -> new PutRecordsOperation(services).execute(new PutRecordsInput(entries, "s", null, null), context));
    }

    private String seq(long offset) {
        return SequenceNumbers.encode(store.stream("s").orElseThrow().shard(0), offset);
    }

    private static String text(Record record) {
        return StandardCharsets.UTF_8.decode(record.data().duplicate()).toString();
    }

    /** A sink that keeps every message; its writability is the test's to set. */
    private final class Sink implements EventSink {
        final WireFormat format;
        final List<Message> messages = new CopyOnWriteArrayList<>();
        /** When each message was sent, in {@link System#nanoTime()}. */
        final List<Long> sentNanos = new CopyOnWriteArrayList<>();

        final CompletableFuture<Void> end = new CompletableFuture<>();
        volatile boolean writable = true;
        volatile boolean ended;
        EventStreamOutput output;

        Sink(WireFormat format) {
            this.format = format;
        }

        @Override
        public WireFormat format() {
            return format;
        }

        @Override
        public EventExecutor executor() {
            return eventLoop;
        }

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void send(byte[] message) {
            assertThat(ended).as("sent after the end").isFalse();
            sentNanos.add(System.nanoTime());
            messages.add(Message.decode(ByteBuffer.wrap(message)));
        }

        @Override
        public void end() {
            ended = true;
            end.complete(null);
        }

        List<SubscribeToShardEvent> events() {
            List<SubscribeToShardEvent> events = new ArrayList<>();
            for (Message message : messages) {
                if (message.getHeaders().get(":event-type") != null
                        && message.getHeaders().get(":event-type").getString().equals("SubscribeToShardEvent")) {
                    try {
                        events.add(format.mapper().readValue(message.getPayload(), SubscribeToShardEvent.class));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return events;
        }

        List<Record> records() {
            List<Record> records = new ArrayList<>();
            events().forEach(event -> records.addAll(event.records()));
            return records;
        }

        void awaitMessages(int count) throws Exception {
            eventually(() -> assertThat(messages).hasSizeGreaterThanOrEqualTo(count));
        }

        void awaitEnd() throws Exception {
            end.get(10, TimeUnit.SECONDS);
        }

        void eventually(ConsumerOperationsTest.ThrowingRunnable check) throws Exception {
            ConsumerOperationsTest.eventually(check);
        }
    }
}
