package io.shardgate.kafka.api;

import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * One Kafka API key. Called on the connection's event loop; must not block. The returned stage completes with the
 * response data (or {@code null} for no response, as for {@code acks=0} produce) on any thread: the pipeline hops
 * back to the event loop. A stage that fails becomes the request's error response, in one place.
 *
 * @param <R> the request type
 */
public interface KafkaApi<R extends AbstractRequest> {

    ApiKeys key();

    /** The lowest version advertised. */
    short minVersion();

    /** The highest version implemented (advertised as the smaller of this and kafka-clients' latest). */
    short maxVersion();

    CompletionStage<? extends ApiMessage> handle(RequestContext context, R request);
}
