package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.ChannelSummary;
import io.shardgate.kinesis.model.ListChannelsInput;
import io.shardgate.kinesis.model.ListChannelsOutput;
import io.shardgate.kinesis.model.StreamFilter;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;

/**
 * ListChannels: the account's channels in name order, {@code DELETING} ones until they are gone, at most {@value
 * Channels#PAGE_MAX} per page whatever {@code MaxResults} (1–10000) asks, with a {@code NextToken} ({@link PageTokens},
 * 5 minutes) while more remain. A {@code StreamFilter} keeps the channels that read any of its streams: a filter names
 * a stream by ARN and, optionally, its creation time (to the second, as ListStreamConsumers compares it); an ARN of
 * another region or account, or of no stream, matches nothing. A token continues after the last channel it named, under
 * the filter of the call that presents it.
 */
public final class ListChannelsOperation implements KinesisOperation<ListChannelsInput, ListChannelsOutput> {

    private static final String TOKEN_KIND = "channels";

    private final KinesisServices services;

    public ListChannelsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListChannels";
    }

    @Override
    public Class<ListChannelsInput> inputType() {
        return ListChannelsInput.class;
    }

    @Override
    public CompletionStage<ListChannelsOutput> execute(ListChannelsInput input, RequestContext context) {
        Validation validation = new Validation();
        validation
                .range("maxResults", input.maxResults(), 1, Constraints.LIST_CHANNELS_MAX)
                .string("nextToken", input.nextToken(), 1, Constraints.NEXT_TOKEN_MAX, null)
                .size("streamFilter", input.streamFilter(), 1, Constraints.CHANNEL_LIST_MAX);
        List<StreamFilter> filters = input.streamFilter();
        if (filters != null) {
            for (int i = 0; i < filters.size(); i++) {
                String member = "streamFilter." + (i + 1) + ".member";
                if (validation.required(member, filters.get(i))
                        && validation.required(
                                member + ".streamARN", filters.get(i).streamArn())) {
                    validation.string(
                            member + ".streamARN",
                            filters.get(i).streamArn(),
                            1,
                            Constraints.STREAM_ARN_MAX,
                            Constraints.STREAM_ARN);
                }
            }
        }
        validation.check();
        long nowMs = services.clock().millis();
        String after = input.nextToken() == null ? null : PageTokens.open(TOKEN_KIND, input.nextToken(), nowMs);
        int max = Math.min(Channels.PAGE_MAX, input.maxResults() == null ? Channels.PAGE_MAX : input.maxResults());
        return Channels.all(services).thenApply(live -> {
            List<ChannelSummary> page = new ArrayList<>();
            String nextToken = null;
            for (Channels.Channel channel : live) {
                if (after != null && channel.name().compareTo(after) <= 0 || !matches(filters, channel)) {
                    continue;
                }
                if (page.size() == max) {
                    nextToken = PageTokens.issue(
                            TOKEN_KIND, page.get(page.size() - 1).channelName(), nowMs);
                    break;
                }
                page.add(Channels.summary(services, channel, nowMs));
            }
            return new ListChannelsOutput(page, nextToken);
        });
    }

    private boolean matches(List<StreamFilter> filters, Channels.Channel channel) {
        if (filters == null) {
            return true;
        }
        for (StreamFilter filter : filters) {
            Optional<String> streamName = services.arns().streamName(filter.streamArn());
            for (Channels.Source source : channel.sources()) {
                if (streamName.isPresent()
                        && streamName.get().equals(source.streamName())
                        && (filter.streamCreationTimestamp() == null
                                || Math.floorDiv(
                                                filter.streamCreationTimestamp().toEpochMilli(), 1000L)
                                        == Math.floorDiv(source.streamCreatedAtMs(), 1000L))) {
                    return true;
                }
            }
        }
        return false;
    }
}
