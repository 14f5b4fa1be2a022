package io.shardgate.kinesis.operation;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.model.ListShardsInput;
import io.shardgate.kinesis.model.ListShardsOutput;
import io.shardgate.kinesis.model.ShardFilter;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Shard;
import io.shardgate.store.Stream;

/**
 * ListShards: a page of a stream's listed shards in index order, at most {@code MaxResults} (default
 * {@value #DEFAULT_MAX_RESULTS}), after {@code ExclusiveStartShardId} or the position of {@code NextToken} (which
 * carries the stream and may not come with a stream name), narrowed by {@code ShardFilter}:
 *
 * <ul>
 *   <li>{@code AFTER_SHARD_ID}: shards after {@code ShardId};
 *   <li>{@code AT_TRIM_HORIZON}: the shards open at the trim horizon, i.e. the listed shards whose parents are all
 *       expired or absent; {@code FROM_TRIM_HORIZON}: every shard not yet expired;
 *   <li>{@code AT_LATEST}: the open shards;
 *   <li>{@code AT_TIMESTAMP}: shards open at {@code Timestamp}; {@code FROM_TIMESTAMP}: shards open at or after it.
 * </ul>
 */
public final class ListShardsOperation implements KinesisOperation<ListShardsInput, ListShardsOutput> {

    public static final int DEFAULT_MAX_RESULTS = 1000;

    private static final String TOKEN_KIND = "shards";

    private final KinesisServices services;

    public ListShardsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListShards";
    }

    @Override
    public Class<ListShardsInput> inputType() {
        return ListShardsInput.class;
    }

    @Override
    public CompletionStage<ListShardsOutput> execute(ListShardsInput input, RequestContext context) {
        Validation validation = new Validation();
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation
                .string("nextToken", input.nextToken(), 1, Constraints.NEXT_TOKEN_MAX, null)
                .string(
                        "exclusiveStartShardId",
                        input.exclusiveStartShardId(),
                        1,
                        Constraints.SHARD_ID_MAX,
                        Constraints.SHARD_ID)
                .range("maxResults", input.maxResults(), 1, Constraints.MAX_RESULTS_MAX);
        ShardFilter filter = input.shardFilter();
        if (filter != null && validation.required("shardFilter.type", filter.type())) {
            validation
                    .oneOf("shardFilter.type", filter.type(), Constraints.SHARD_FILTER_TYPES)
                    .string("shardFilter.shardId", filter.shardId(), 1, Constraints.SHARD_ID_MAX, Constraints.SHARD_ID);
        }
        validation.check();
        long now = services.clock().millis();
        String streamName;
        int after;
        if (input.nextToken() != null) {
            if (input.streamName() != null || input.streamArn() != null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT, "NextToken and StreamName cannot be provided together.");
            }
            String position = PageTokens.open(TOKEN_KIND, input.nextToken(), now);
            int bar = position.indexOf('|');
            try {
                after = Integer.parseInt(position.substring(0, Math.max(0, bar)));
            } catch (NumberFormatException e) {
                throw PageTokens.invalid(input.nextToken());
            }
            streamName = position.substring(bar + 1);
        } else {
            if (input.streamName() == null && input.streamArn() == null) {
                throw new KinesisException(
                        KinesisError.INVALID_ARGUMENT, "Either NextToken or StreamName should be provided.");
            }
            streamName = Streams.name(services, input.streamName(), input.streamArn());
            after = input.exclusiveStartShardId() == null ? -1 : ShardViews.index(input.exclusiveStartShardId());
        }
        Stream stream = Streams.find(services, streamName);
        Predicate<Shard> filtered = filter == null ? shard -> true : filter(filter, stream);
        int first = after;
        List<Shard> candidates = ShardViews.listed(stream).stream()
                .filter(shard -> shard.index() > first)
                .filter(filtered)
                .toList();
        int max = input.maxResults() == null ? DEFAULT_MAX_RESULTS : input.maxResults();
        List<Shard> page = candidates.subList(0, Math.min(max, candidates.size()));
        String next = candidates.size() > page.size()
                ? PageTokens.issue(TOKEN_KIND, page.get(page.size() - 1).index() + "|" + stream.name(), now)
                : null;
        return CompletableFuture.completedFuture(
                new ListShardsOutput(page.stream().map(ShardViews::view).toList(), next));
    }

    private static Predicate<Shard> filter(ShardFilter filter, Stream stream) {
        return switch (filter.type()) {
            case "AFTER_SHARD_ID" -> {
                if (filter.shardId() == null) {
                    throw new KinesisException(
                            KinesisError.INVALID_ARGUMENT,
                            "ShardId must be specified with ShardFilter type AFTER_SHARD_ID.");
                }
                int index = ShardViews.index(filter.shardId());
                yield shard -> shard.index() > index;
            }
            case "AT_LATEST" -> Shard::isOpen;
            case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
                if (filter.timestamp() == null) {
                    throw new KinesisException(
                            KinesisError.INVALID_ARGUMENT,
                            "Timestamp must be specified with ShardFilter type " + filter.type() + ".");
                }
                long at = filter.timestamp().toEpochMilli();
                boolean exact = filter.type().equals("AT_TIMESTAMP");
                yield shard -> (!exact || shard.createdAtMs() <= at)
                        && (shard.closedAtMs().isEmpty() || shard.closedAtMs().getAsLong() > at);
            }
            case "AT_TRIM_HORIZON" -> {
                // The shards open at the trim horizon: the listed shards none of whose parents is still listed (a
                // parent that still holds records is older than the trim horizon, so its children are newer).
                Set<Integer> listed =
                        ShardViews.listed(stream).stream().map(Shard::index).collect(Collectors.toSet());
                yield shard -> (shard.parent().isEmpty()
                                || !listed.contains(shard.parent().getAsInt()))
                        && (shard.adjacentParent().isEmpty()
                                || !listed.contains(shard.adjacentParent().getAsInt()));
            }
            default -> shard -> true; // FROM_TRIM_HORIZON: the listed shards
        };
    }
}
