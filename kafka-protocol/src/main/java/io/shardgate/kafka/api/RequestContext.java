package io.shardgate.kafka.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.common.requests.RequestHeader;

/**
 * What an API knows about the request besides its body.
 *
 * @param header the parsed request header
 * @param node this broker as the listener the request came in on advertises it
 * @param eventLoop the connection's event loop, for timers (long polls)
 * @param buffers memory the response may refer to, released by the pipeline once it is written
 * @param clientHost the client's address as Kafka reports it ({@code /127.0.0.1})
 * @param connectionClosed completes if the connection closes before the request is answered: an API that waits (a
 *     long poll) may stop waiting, as nobody will read its answer
 */
public record RequestContext(
        RequestHeader header,
        BrokerNode node,
        ScheduledExecutorService eventLoop,
        ResponseBuffers buffers,
        String clientHost,
        CompletableFuture<Void> connectionClosed) {
    public RequestContext {
        Objects.requireNonNull(connectionClosed, "connectionClosed");
        Objects.requireNonNull(clientHost, "clientHost");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(eventLoop, "eventLoop");
        Objects.requireNonNull(buffers, "buffers");
    }

    /** The client id of the request header, empty when absent. */
    public String clientId() {
        return header.clientId() == null ? "" : header.clientId();
    }

    public short apiVersion() {
        return header.apiVersion();
    }
}
