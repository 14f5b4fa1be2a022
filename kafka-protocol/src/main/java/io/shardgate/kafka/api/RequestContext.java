package io.shardgate.kafka.api;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.common.requests.RequestHeader;

/**
 * What an API knows about the request besides its body.
 *
 * @param header the parsed request header
 * @param node this broker as the listener the request came in on advertises it
 * @param eventLoop the connection's event loop, for timers (long polls)
 * @param buffers memory the response may refer to, released by the pipeline once it is written
 */
public record RequestContext(
        RequestHeader header, BrokerNode node, ScheduledExecutorService eventLoop, ResponseBuffers buffers) {
    public RequestContext {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(eventLoop, "eventLoop");
        Objects.requireNonNull(buffers, "buffers");
    }

    public short apiVersion() {
        return header.apiVersion();
    }
}
