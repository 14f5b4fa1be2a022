package io.shardgate.kinesis.operation;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What an operation knows about its request besides the body.
 *
 * @param requestId the {@code x-amzn-RequestId} of the response
 * @param eventLoop the connection's event loop, for timers
 */
public record RequestContext(String requestId, ScheduledExecutorService eventLoop) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(eventLoop, "eventLoop");
    }
}
