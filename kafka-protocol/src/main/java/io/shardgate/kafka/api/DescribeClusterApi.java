package io.shardgate.kafka.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;

/**
 * DescribeCluster: this node, as advertised by the listener the request came in on, is the only broker and the
 * controller. Asked as a controller endpoint (v1+), it answers {@code MISMATCHED_ENDPOINT_TYPE} as a Kafka broker
 * does.
 */
public final class DescribeClusterApi implements KafkaApi<DescribeClusterRequest> {

    private static final byte BROKER_ENDPOINT = 1;
    private static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletionStage<DescribeClusterResponseData> handle(RequestContext context, DescribeClusterRequest request) {
        BrokerNode node = context.node();
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setThrottleTimeMs(0)
                .setClusterAuthorizedOperations(OPERATIONS_NOT_REQUESTED);
        if (context.apiVersion() >= 1) {
            response.setEndpointType(BROKER_ENDPOINT);
            if (request.data().endpointType() != BROKER_ENDPOINT) {
                return CompletableFuture.completedFuture(response.setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                        .setErrorMessage("The request was sent to a broker endpoint, not a controller endpoint."));
            }
        }
        response.setErrorCode(Errors.NONE.code()).setClusterId(node.clusterId()).setControllerId(node.nodeId());
        response.brokers()
                .add(new DescribeClusterBroker()
                        .setBrokerId(node.nodeId())
                        .setHost(node.host())
                        .setPort(node.port())
                        .setRack(null));
        return CompletableFuture.completedFuture(response);
    }
}
