package io.shardgate.kinesis.operation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.ListTagsForStreamInput;
import io.shardgate.kinesis.model.ListTagsForStreamOutput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;

/** ListTagsForStream: the tags of a stream sorted by key, after {@code ExclusiveStartTagKey}, at most {@code Limit}
 * ({@value #DEFAULT_LIMIT} by default, the most a stream has), with {@code HasMoreTags}. */
public final class ListTagsForStreamOperation
        implements KinesisOperation<ListTagsForStreamInput, ListTagsForStreamOutput> {

    static final int DEFAULT_LIMIT = 50;

    private final KinesisServices services;

    public ListTagsForStreamOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "ListTagsForStream";
    }

    @Override
    public Class<ListTagsForStreamInput> inputType() {
        return ListTagsForStreamInput.class;
    }

    @Override
    public CompletionStage<ListTagsForStreamOutput> execute(ListTagsForStreamInput input, RequestContext context) {
        Validation validation = new Validation();
        validation
                .string("exclusiveStartTagKey", input.exclusiveStartTagKey(), 1, Constraints.TAG_KEY_MAX, null)
                .range("limit", input.limit(), 1, Tags.TAG_KEYS_MAX);
        Streams.validate(validation, input.streamName(), input.streamArn());
        validation.check();
        String name = Streams.name(services, input.streamName(), input.streamArn());
        SortedMap<String, String> tags = Tags.of(Streams.find(services, name));
        if (input.exclusiveStartTagKey() != null) {
            tags = tags.tailMap(input.exclusiveStartTagKey() + "\0");
        }
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        Map<String, String> page = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.put(tag.getKey(), tag.getValue());
        }
        return CompletableFuture.completedFuture(
                new ListTagsForStreamOutput(Tags.list(page), tags.size() > page.size()));
    }
}
