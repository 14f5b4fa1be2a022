package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.InitProducerIdRequest;

/**
 * InitProducerId for idempotent producers: a fresh producer id with epoch 0. A transactional id is answered with
 * {@code COORDINATOR_NOT_AVAILABLE} until the transaction coordinator exists.
 */
public final class InitProducerIdApi implements KafkaApi<InitProducerIdRequest> {

    private final ProducerIds producerIds;

    public InitProducerIdApi(ProducerIds producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletionStage<InitProducerIdResponseData> handle(RequestContext context, InitProducerIdRequest request) {
        InitProducerIdResponseData response = new InitProducerIdResponseData().setThrottleTimeMs(0);
        if (request.data().transactionalId() != null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
                    .setProducerId(RecordBatch.NO_PRODUCER_ID)
                    .setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH));
        }
        return producerIds.next().thenApply(producerId -> response.setErrorCode(Errors.NONE.code())
                .setProducerId(producerId)
                .setProducerEpoch((short) 0));
    }
}
