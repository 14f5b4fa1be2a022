package io.shardgate.kinesis.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stream ARNs, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}, consumer ARNs,
 * {@code <stream ARN>/consumer/<consumer name>:<creation epoch seconds>}, and channel ARNs,
 * {@code arn:aws:kinesis:<region>:<account>:channel/<channel id>} (ADR 0019), for one region and account.
 */
public record StreamArns(String region, String accountId) {

    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):kinesis:([^:]*):(\\d{12}):stream/(.+)");

    private static final Pattern CONSUMER_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d{1,18})");

    private static final Pattern CHANNEL_ARN =
            Pattern.compile("arn:(aws[a-z-]*):kinesis:([^:]*):(\\d{12}):channel/(\\S+)");

    /** What a consumer ARN names: the stream, the consumer and the second the consumer was registered. */
    public record ConsumerArn(String streamName, String consumerName, long creationSecond) {}

    /** The ARN of the stream called {@code name}. */
    public String arn(String name) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + name;
    }

    /** The stream name an ARN addresses, if it is a stream ARN of this region and account. */
    public Optional<String> streamName(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches() || !m.group(2).equals(region) || !m.group(3).equals(accountId)) {
            return Optional.empty();
        }
        return Optional.of(m.group(4));
    }

    /** The ARN of the consumer {@code consumerName} of stream {@code streamName}, registered at {@code createdAtMs}. */
    public String consumerArn(String streamName, String consumerName, long createdAtMs) {
        return arn(streamName) + "/consumer/" + consumerName + ":" + Math.floorDiv(createdAtMs, 1000L);
    }

    /** What a consumer ARN names, if it is a consumer ARN of this region and account. */
    public Optional<ConsumerArn> consumer(String arn) {
        Matcher m = CONSUMER_ARN.matcher(arn);
        if (!m.matches() || !m.group(2).equals(region) || !m.group(3).equals(accountId)) {
            return Optional.empty();
        }
        return Optional.of(new ConsumerArn(m.group(4), m.group(5), Long.parseLong(m.group(6))));
    }

    /** The ARN of the channel whose id is {@code channelId}. */
    public String channelArn(String channelId) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":channel/" + channelId;
    }

    /** The channel id a channel ARN names, if it is a channel ARN of this region and account. */
    public Optional<String> channelId(String arn) {
        Matcher m = CHANNEL_ARN.matcher(arn);
        if (!m.matches() || !m.group(2).equals(region) || !m.group(3).equals(accountId)) {
            return Optional.empty();
        }
        return Optional.of(m.group(4));
    }
}
