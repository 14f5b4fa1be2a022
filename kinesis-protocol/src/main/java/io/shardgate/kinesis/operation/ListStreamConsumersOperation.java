package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.Consumer;
import io.shardgate.kinesis.model.ListStreamConsumersInput;
import io.shardgate.kinesis.model.ListStreamConsumersOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * ListStreamConsumers: the stream's consumers in name order, {@code MaxResults} per page (default
 * {@value #DEFAULT_MAX_RESULTS}), with a {@code NextToken} ({@link PageTokens}, 5 minutes) while more remain. A
 * {@code StreamCreationTimestamp} that is not the stream's (to the second) names another incarnation of the name:
 * {@code ResourceNotFoundException}.
 */
public final class ListStreamConsumersOperation
        implements KinesisOperation<ListStreamConsumersInput, ListStreamConsumersOutput> {

    /** The page size when {@code MaxResults} is not given. */
    static final int DEFAULT_MAX_RESULTS = 100;

    private static final String TOKEN_KIND = "consumers";

    private final KinesisServices services;

    public ListStreamConsumersOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListStreamConsumers";
    }

    @Override
    public Class<ListStreamConsumersInput> inputType() {
        return ListStreamConsumersInput.class;
    }

    @Override
    public CompletionStage<ListStreamConsumersOutput> execute(ListStreamConsumersInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("streamARN", input.streamArn())) {
            validation.string("streamARN", input.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        }
        validation
                .string("nextToken", input.nextToken(), 1, Constraints.NEXT_TOKEN_MAX, null)
                .range("maxResults", input.maxResults(), 1, Constraints.LIST_CONSUMERS_MAX);
        validation.check();
        String streamName = Streams.name(services, null, input.streamArn());
        Stream stream = Streams.find(services, streamName);
        if (input.streamCreationTimestamp() != null
                && Math.floorDiv(input.streamCreationTimestamp().toEpochMilli(), 1000L)
                        != Math.floorDiv(stream.createdAtMs(), 1000L)) {
            throw Streams.notFound(services, streamName);
        }
        String after = null;
        if (input.nextToken() != null) {
            String position = PageTokens.open(
                    TOKEN_KIND, input.nextToken(), services.clock().millis());
            int bar = position.indexOf('|');
            if (bar < 0 || !position.substring(0, bar).equals(streamName)) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT,
                        "NextToken " + input.nextToken() + " was not issued for stream " + streamName + ".");
            }
            after = position.substring(bar + 1);
        }
        int max = input.maxResults() == null ? DEFAULT_MAX_RESULTS : input.maxResults();
        List<Consumer> page = new ArrayList<>();
        String nextToken = null;
        for (Consumers.Registered consumer : Consumers.of(stream)) {
            if (after != null && consumer.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                nextToken = PageTokens.issue(
                        TOKEN_KIND,
                        streamName + "|" + page.get(page.size() - 1).consumerName(),
                        services.clock().millis());
                break;
            }
            page.add(Consumers.view(services, streamName, consumer));
        }
        return CompletableFuture.completedFuture(new ListStreamConsumersOutput(page, nextToken));
    }
}
