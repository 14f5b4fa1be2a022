package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.Consumer;
import io.shardgate.kinesis.model.ConsumerDescription;
import io.shardgate.kinesis.model.DeleteStreamInput;
import io.shardgate.kinesis.model.DeregisterStreamConsumerInput;
import io.shardgate.kinesis.model.DescribeStreamConsumerInput;
import io.shardgate.kinesis.model.DescribeStreamSummaryInput;
import io.shardgate.kinesis.model.ListStreamConsumersInput;
import io.shardgate.kinesis.model.ListStreamConsumersOutput;
import io.shardgate.kinesis.model.RegisterStreamConsumerInput;

/**
 * RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers and DeregisterStreamConsumer against a real LMDB
 * store: the consumer's life (CREATING → ACTIVE → DELETING → gone), its ARN, the limits, paging, AWS's errors and
 * validation from service-2.json, and DeleteStream's {@code EnforceConsumerDeletion}.
 */
class ConsumerOperationsTest extends OperationsFixture {

    private static final String STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/s";

    @Test
    void shouldRegisterDescribeAndDeregisterAConsumerThroughItsLife() throws Exception {
        // Given a stream and a status delay
        create("s", 1);
        services = services(200);
        clock.set(Instant.parse("2026-01-01T00:00:42.500Z").toEpochMilli());

        // When a consumer is registered
        Consumer registered = register("c").consumer();

        // Then it is CREATING with AWS's ARN layout (registration second at the end)
        String arn = STREAM_ARN + "/consumer/c:1767225642";
        assertThat(registered).isEqualTo(new Consumer("c", arn, "CREATING", Instant.parse("2026-01-01T00:00:42.500Z")));
        assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("CREATING");

        // And ACTIVE after the delay, described by ARN and by stream ARN and name alike
        eventually(() -> assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("ACTIVE"));
        assertThat(describe(STREAM_ARN, "c", null))
                .isEqualTo(new ConsumerDescription(
                        "c", arn, "ACTIVE", Instant.parse("2026-01-01T00:00:42.500Z"), STREAM_ARN));
        assertThat(call(() -> new DescribeStreamSummaryOperation(services)
                                .execute(new DescribeStreamSummaryInput("s", null), context))
                        .streamDescriptionSummary()
                        .consumerCount())
                .isEqualTo(1);

        // When it is deregistered
        call(() -> new DeregisterStreamConsumerOperation(services)
                .execute(new DeregisterStreamConsumerInput(null, null, arn), context));

        // Then it is DELETING, then gone
        assertThat(describe(STREAM_ARN, "c", null).consumerStatus()).isEqualTo("DELETING");
        eventually(() -> assertThat(failure(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(null, null, arn), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Consumer c under stream s and account 123456789012 not found."));
        assertThat(store.stream("s").orElseThrow().settings().configs()).doesNotContainKey("kinesis.consumer.c");
    }

    @Test
    void shouldKeepConsumersInTheStreamsConfigsWhenRegistered() throws Exception {
        // Given
        create("s", 1);

        // When
        register("durable");

        // Then the consumer is a stream config, so it is durable with the catalog and goes with the stream
        assertThat(store.stream("s").orElseThrow().settings().configs())
                .containsEntry("kinesis.consumer.durable", "v1|" + clock.millis() + "|ACTIVE");
    }

    @Test
    void shouldRefuseADuplicateNameAndATwentyFirstConsumerWhenRegistering() throws Exception {
        // Given twenty consumers
        create("s", 1);
        for (int i = 0; i < Consumers.MAX_PER_STREAM; i++) {
            register("c" + i);
        }

        // Then a duplicate name is in use and a twenty-first is over the limit
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(STREAM_ARN, "c3"), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Consumer c3 under stream s and account 123456789012 already exists.");
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(STREAM_ARN, "c20"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
        assertThat(Consumers.of(store.stream("s").orElseThrow())).hasSize(Consumers.MAX_PER_STREAM);
    }

    @Test
    void shouldRefuseASixthConsumerWhileFiveAreCreating() throws Exception {
        // Given five consumers still CREATING
        create("s", 1);
        services = services(60_000);
        for (int i = 0; i < Consumers.MAX_CREATING; i++) {
            register("c" + i);
        }

        // Then
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(STREAM_ARN, "c5"), context)))
                .returns(KinesisError.LIMIT_EXCEEDED, KinesisException::error);
        // And a consumer that is not ACTIVE cannot be deregistered
        assertThat(failure(() -> new DeregisterStreamConsumerOperation(services)
                        .execute(new DeregisterStreamConsumerInput(STREAM_ARN, "c0", null), context)))
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("Consumer c0 with creation timestamp 1767225600 under stream s and account 123456789012"
                        + " is not in ACTIVE status.");
    }

    @Test
    void shouldPageConsumersInNameOrderWhenListing() throws Exception {
        // Given five consumers
        create("s", 1);
        for (String name : List.of("e", "b", "d", "a", "c")) {
            register(name);
        }

        // When listed two at a time
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListStreamConsumersOutput page = call(() -> new ListStreamConsumersOperation(services)
                    .execute(new ListStreamConsumersInput(STREAM_ARN, next, 2, null), context));
            page.consumers().forEach(consumer -> names.add(consumer.consumerName()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        // Then
        assertThat(names).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);
        assertThat(call(() -> new ListStreamConsumersOperation(services)
                                .execute(new ListStreamConsumersInput(STREAM_ARN, null, null, null), context))
                        .consumers())
                .hasSize(5);
    }

    @Test
    void shouldAnswerNotFoundWhenTheCreationTimestampNamesAnotherStream() throws Exception {
        // Given
        create("s", 1);
        Instant created = Instant.ofEpochMilli(store.stream("s").orElseThrow().createdAtMs());

        // Then the stream's own creation time lists, another one does not
        assertThat(call(() -> new ListStreamConsumersOperation(services)
                                .execute(new ListStreamConsumersInput(STREAM_ARN, null, null, created), context))
                        .consumers())
                .isEmpty();
        assertThat(failure(() -> new ListStreamConsumersOperation(services)
                        .execute(
                                new ListStreamConsumersInput(STREAM_ARN, null, null, created.minusSeconds(60)),
                                context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
    }

    @Test
    void shouldAnswerAwsErrorsWhenAConsumerIsNamedBadly() throws Exception {
        // Given a consumer
        create("s", 1);
        Consumer consumer = register("c").consumer();

        // Then: no consumer named
        assertThat(failure(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(STREAM_ARN, null, null), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error)
                .hasMessage("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        // An ARN of an older registration of the same name
        String stale = STREAM_ARN + "/consumer/c:1";
        assertThat(failure(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(null, null, stale), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        // A stream that does not exist
        assertThat(failure(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(STREAM_ARN + "x", "c", null), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error)
                .hasMessage("Stream sx under account 123456789012 not found.");
        assertThat(failure(() -> new RegisterStreamConsumerOperation(services)
                        .execute(new RegisterStreamConsumerInput(STREAM_ARN + "x", "c"), context)))
                .returns(KinesisError.RESOURCE_NOT_FOUND, KinesisException::error);
        // ARN and name that disagree
        assertThat(failure(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(null, "other", consumer.consumerArn()), context)))
                .returns(KinesisError.INVALID_ARGUMENT, KinesisException::error);
    }

    static Stream<Arguments> invalidRequests() {
        String longName = "n".repeat(129);
        return Stream.of(
                Arguments.of(
                        "RegisterStreamConsumer without members",
                        (Supplier<Object>) () -> new RegisterStreamConsumerInput(null, null),
                        "2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                                + " must not be null; Value null at 'consumerName' failed to satisfy constraint:"
                                + " Member must not be null"),
                Arguments.of(
                        "RegisterStreamConsumer with a bad name",
                        (Supplier<Object>) () -> new RegisterStreamConsumerInput(STREAM_ARN, "a b"),
                        "1 validation error detected: Value 'a b' at 'consumerName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                Arguments.of(
                        "RegisterStreamConsumer with a long name",
                        (Supplier<Object>) () -> new RegisterStreamConsumerInput(STREAM_ARN, longName),
                        "1 validation error detected: Value '" + longName + "' at 'consumerName' failed to satisfy"
                                + " constraint: Member must have length less than or equal to 128"),
                Arguments.of(
                        "RegisterStreamConsumer with a bad stream ARN",
                        (Supplier<Object>) () -> new RegisterStreamConsumerInput("arn:nope", "c"),
                        "1 validation error detected: Value 'arn:nope' at 'streamARN' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern:"
                                + " arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"),
                Arguments.of(
                        "DescribeStreamConsumer with a bad consumer ARN",
                        (Supplier<Object>) () -> new DescribeStreamConsumerInput(null, null, STREAM_ARN),
                        "1 validation error detected: Value '" + STREAM_ARN + "' at 'consumerARN' failed to"
                                + " satisfy constraint: Member must satisfy regular expression pattern:"
                                + " ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/"
                                + "[a-zA-Z0-9_.-]+:[0-9]+"),
                Arguments.of(
                        "DeregisterStreamConsumer with an empty name",
                        (Supplier<Object>) () -> new DeregisterStreamConsumerInput(STREAM_ARN, "", null),
                        "2 validation errors detected: Value '' at 'consumerName' failed to satisfy constraint:"
                                + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value ''"
                                + " at 'consumerName' failed to satisfy constraint: Member must have length greater"
                                + " than or equal to 1"),
                Arguments.of(
                        "ListStreamConsumers without a stream",
                        (Supplier<Object>) () -> new ListStreamConsumersInput(null, null, null, null),
                        "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member"
                                + " must not be null"),
                Arguments.of(
                        "ListStreamConsumers with MaxResults out of range",
                        (Supplier<Object>) () -> new ListStreamConsumersInput(STREAM_ARN, "", 10_001, null),
                        "2 validation errors detected: Value '' at 'nextToken' failed to satisfy constraint: Member"
                                + " must have length greater than or equal to 1; Value '10001' at 'maxResults'"
                                + " failed to satisfy constraint: Member must have value less than or equal to"
                                + " 10000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void shouldAnswerValidationExceptionWhenAConstraintOfTheSpecIsBroken(
            String name, Supplier<Object> input, String message) throws Exception {
        // Given
        create("s", 1);

        // When
        Object request = input.get();
        KinesisException error = failure(() -> {
            if (request instanceof RegisterStreamConsumerInput r) {
                return new RegisterStreamConsumerOperation(services).execute(r, context);
            } else if (request instanceof DescribeStreamConsumerInput d) {
                return new DescribeStreamConsumerOperation(services).execute(d, context);
            } else if (request instanceof DeregisterStreamConsumerInput d) {
                return new DeregisterStreamConsumerOperation(services).execute(d, context);
            } else if (request instanceof ListStreamConsumersInput l) {
                return new ListStreamConsumersOperation(services).execute(l, context);
            }
            throw new IllegalArgumentException(name);
        });

        // Then
        assertThat(error)
                .returns(KinesisError.VALIDATION, KinesisException::error)
                .hasMessage(message);
    }

    @Test
    void shouldRefuseToDeleteAStreamWithConsumersUnlessEnforced() throws Exception {
        // Given a stream with a consumer
        create("s", 1);
        register("c");

        // When deleted without EnforceConsumerDeletion
        KinesisException refused = failure(
                () -> new DeleteStreamOperation(services).execute(new DeleteStreamInput("s", null, null), context));

        // Then AWS's ResourceInUseException, and the stream stays
        assertThat(refused)
                .returns(KinesisError.RESOURCE_IN_USE, KinesisException::error)
                .hasMessage("DeleteStream can\u2019t delete 123456789012:s because there are consumers associated"
                        + " with this data stream. To delete s anyway, set the EnforceConsumerDeletion parameter to"
                        + " true to force the deletion of all the consumers that are associated with it.");
        assertThat(store.stream("s")).isPresent();

        // When enforced, the stream goes and its consumers with it: a stream of the same name starts with none
        call(() -> new DeleteStreamOperation(services).execute(new DeleteStreamInput("s", true, null), context));
        create("s", 1);
        assertThat(call(() -> new ListStreamConsumersOperation(services)
                                .execute(new ListStreamConsumersInput(STREAM_ARN, null, null, null), context))
                        .consumers())
                .isEmpty();
    }

    @Test
    void shouldFinishPendingConsumerChangesWhenTheListenerStartsAgain() throws Exception {
        // Given one consumer left CREATING and one left DELETING by a previous run
        create("s", 1);
        services = services(60_000);
        register("creating");
        services = services(0);
        register("deleting");
        services = services(60_000);
        call(() -> new DeregisterStreamConsumerOperation(services)
                .execute(new DeregisterStreamConsumerInput(STREAM_ARN, "deleting", null), context));

        // When the settings are finished as the listener does at start
        call(() -> store.alterStream("s", Consumers::finished));

        // Then
        assertThat(Consumers.of(store.stream("s").orElseThrow()))
                .extracting(Consumers.Registered::name, Consumers.Registered::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("creating", "ACTIVE"));
    }

    /** Retries {@code check} for up to five seconds. */
    static void eventually(ThrowingRunnable check) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private io.shardgate.kinesis.model.RegisterStreamConsumerOutput register(String name) throws Exception {
        return call(() -> new RegisterStreamConsumerOperation(services)
                .execute(new RegisterStreamConsumerInput(STREAM_ARN, name), context));
    }

    private ConsumerDescription describe(String streamArn, String name, String arn) throws Exception {
        return call(() -> new DescribeStreamConsumerOperation(services)
                        .execute(new DescribeStreamConsumerInput(streamArn, name, arn), context))
                .consumerDescription();
    }
}
