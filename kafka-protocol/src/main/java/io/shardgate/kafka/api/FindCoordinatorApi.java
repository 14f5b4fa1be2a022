package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;

/**
 * FindCoordinator: this node coordinates every consumer group and every transactional id (whose InitProducerId
 * answers {@code COORDINATOR_NOT_AVAILABLE}, retriable, until the transaction coordinator exists); share groups or
 * unknown key types get {@code INVALID_REQUEST}. Batched keys (v4+) get one answer each.
 */
public final class FindCoordinatorApi implements KafkaApi<FindCoordinatorRequest> {

    @Override
    public ApiKeys key() {
        return ApiKeys.FIND_COORDINATOR;
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
    public CompletionStage<FindCoordinatorResponseData> handle(RequestContext context, FindCoordinatorRequest request) {
        byte keyType = request.data().keyType();
        FindCoordinatorResponseData response = new FindCoordinatorResponseData().setThrottleTimeMs(0);
        if (context.apiVersion() >= 4) {
            for (String key : request.data().coordinatorKeys()) {
                response.coordinators().add(answer(context.node(), key, keyType));
            }
        } else {
            Coordinator answer = answer(context.node(), request.data().key(), keyType);
            response.setErrorCode(answer.errorCode())
                    .setErrorMessage(answer.errorMessage())
                    .setNodeId(answer.nodeId())
                    .setHost(answer.host())
                    .setPort(answer.port());
        }
        return CompletableFuture.completedFuture(response);
    }

    private static Coordinator answer(BrokerNode node, String key, byte keyType) {
        Coordinator coordinator = new Coordinator().setKey(key);
        Errors error;
        String message;
        if (keyType == CoordinatorType.GROUP.id() || keyType == CoordinatorType.TRANSACTION.id()) {
            return coordinator
                    .setErrorCode(Errors.NONE.code())
                    .setNodeId(node.nodeId())
                    .setHost(node.host())
                    .setPort(node.port());
        } else {
            error = Errors.INVALID_REQUEST;
            message = "Unsupported key type " + keyType;
        }
        return coordinator
                .setErrorCode(error.code())
                .setErrorMessage(message)
                .setNodeId(-1)
                .setHost("")
                .setPort(-1);
    }
}
