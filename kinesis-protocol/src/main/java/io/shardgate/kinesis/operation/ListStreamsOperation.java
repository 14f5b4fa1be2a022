package io.shardgate.kinesis.operation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.ListStreamsInput;
import io.shardgate.kinesis.model.ListStreamsOutput;
import io.shardgate.kinesis.model.StreamModeDetails;
import io.shardgate.kinesis.model.StreamSummary;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * ListStreams: stream names in order with their summaries, after {@code ExclusiveStartStreamName} or the position
 * of {@code NextToken}, at most {@code Limit} (default and cap {@value #MAX_STREAMS}). Kafka topics are streams and
 * are listed too.
 */
public final class ListStreamsOperation implements KinesisOperation<ListStreamsInput, ListStreamsOutput> {

    /** The most streams one call returns, whatever {@code Limit} says. */
    public static final int MAX_STREAMS = 100;

    private static final String TOKEN_KIND = "streams";

    private final KinesisServices services;

    public ListStreamsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListStreams";
    }

    @Override
    public Class<ListStreamsInput> inputType() {
        return ListStreamsInput.class;
    }

    @Override
    public CompletionStage<ListStreamsOutput> execute(ListStreamsInput input, RequestContext context) {
        Validation validation = new Validation();
        validation
                .range("limit", input.limit(), 1, Constraints.LIMIT_MAX)
                .string(
                        "exclusiveStartStreamName",
                        input.exclusiveStartStreamName(),
                        1,
                        Constraints.STREAM_NAME_MAX,
                        Constraints.STREAM_NAME)
                .string("nextToken", input.nextToken(), 1, Constraints.NEXT_TOKEN_MAX, null);
        validation.check();
        long now = services.clock().millis();
        String after = input.exclusiveStartStreamName();
        if (input.nextToken() != null) {
            if (after != null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "NextToken and ExclusiveStartStreamName cannot be provided together.");
            }
            after = PageTokens.open(TOKEN_KIND, input.nextToken(), now);
        }
        String start = after;
        int limit = Math.min(MAX_STREAMS, input.limit() == null ? MAX_STREAMS : input.limit());
        List<Stream> candidates = services.store().streams().stream()
                .filter(stream -> start == null || stream.name().compareTo(start) > 0)
                .toList();
        List<Stream> page = candidates.subList(0, Math.min(limit, candidates.size()));
        boolean more = candidates.size() > page.size();
        return CompletableFuture.completedFuture(new ListStreamsOutput(
                page.stream().map(Stream::name).toList(),
                more,
                more ? PageTokens.issue(TOKEN_KIND, page.get(page.size() - 1).name(), now) : null,
                page.stream()
                        .map(stream -> new StreamSummary(
                                stream.name(),
                                services.arns().arn(stream.name()),
                                stream.settings().status().name(),
                                new StreamModeDetails(Streams.mode(stream)),
                                Instant.ofEpochMilli(stream.createdAtMs())))
                        .toList()));
    }
}
