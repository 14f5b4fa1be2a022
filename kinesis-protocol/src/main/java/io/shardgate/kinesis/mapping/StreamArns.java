package io.shardgate.kinesis.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stream ARNs, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}, for one region and account. */
public record StreamArns(String region, String accountId) {

    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):kinesis:([^:]*):(\\d{12}):stream/(.+)");

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
}
