package io.shardgate.kafka.pipeline;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kafka.mapping.KafkaErrors;

/** The one place where a failed request becomes its error response (kafka-clients' {@code getErrorResponse}). */
final class ErrorResponses {
    private static final Logger LOGGER = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static ApiMessage forFailure(AbstractRequest request, Throwable failure) {
        ApiException error = KafkaErrors.apiException(failure);
        if (Errors.forException(error) == Errors.UNKNOWN_SERVER_ERROR) {
            LOGGER.warn("{} failed", request.apiKey(), failure);
        }
        return request.getErrorResponse(0, error).data();
    }
}
