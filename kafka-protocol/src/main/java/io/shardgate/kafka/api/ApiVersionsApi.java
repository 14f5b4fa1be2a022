package io.shardgate.kafka.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;

/**
 * ApiVersions v0–5: advertises exactly the implemented APIs, each range intersected with kafka-clients'. Produce is
 * listed from v0 as Apache Kafka does (librdkafka turns compression off otherwise) although only v3+ is parsed. From
 * v5 a client that names another cluster or node than this one gets {@code REBOOTSTRAP_REQUIRED} (KIP-1242).
 */
public final class ApiVersionsApi implements KafkaApi<ApiVersionsRequest> {

    private final ApiVersionCollection versions;

    /** @param others every other implemented API */
    public ApiVersionsApi(List<KafkaApi<?>> others) {
        List<KafkaApi<?>> all = new ArrayList<>(others);
        all.add(this);
        all.sort(Comparator.comparingInt(api -> api.key().id));
        versions = new ApiVersionCollection();
        for (KafkaApi<?> api : all) {
            short min = (short) Math.max(api.minVersion(), api.key().oldestVersion());
            if (api.key() == ApiKeys.PRODUCE) {
                min = ApiKeys.PRODUCE_API_VERSIONS_RESPONSE_MIN_VERSION;
            }
            short max = (short) Math.min(api.maxVersion(), api.key().latestVersion());
            versions.add(
                    new ApiVersion().setApiKey(api.key().id).setMinVersion(min).setMaxVersion(max));
        }
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    /** Whether {@code version} of {@code key} is advertised (Produce below v3 excepted: it cannot be parsed). */
    public boolean supports(ApiKeys key, short version) {
        ApiVersion range = versions.find(key.id);
        return range != null
                && version >= range.minVersion()
                && version <= range.maxVersion()
                && key.isVersionSupported(version);
    }

    /** As Kafka's {@code KafkaApis}: a malformed v3+ client software name or version gets INVALID_REQUEST. */
    @Override
    public CompletionStage<ApiVersionsResponseData> handle(RequestContext context, ApiVersionsRequest request) {
        if (!request.isValid()) {
            return CompletableFuture.completedFuture(
                    new ApiVersionsResponseData().setErrorCode(Errors.INVALID_REQUEST.code()));
        }
        if (context.apiVersion() >= 5 && !meantForThisNode(request, context.node())) {
            return CompletableFuture.completedFuture(new ApiVersionsResponseData()
                    .setErrorCode(Errors.REBOOTSTRAP_REQUIRED.code())
                    .setThrottleTimeMs(0));
        }
        return CompletableFuture.completedFuture(response(Errors.NONE));
    }

    /**
     * KIP-1242 (v5): a client that names the cluster and node it means to reach, and reached another (a reused
     * address), is told to bootstrap again.
     */
    private static boolean meantForThisNode(ApiVersionsRequest request, BrokerNode node) {
        String clusterId = request.data().clusterId();
        int nodeId = request.data().nodeId();
        return (clusterId == null || clusterId.equals(node.clusterId())) && (nodeId < 0 || nodeId == node.nodeId());
    }

    /**
     * The response with {@code error}. {@link Errors#UNSUPPORTED_VERSION} (sent at v0) lists only ApiVersions' own
     * range, as Kafka's {@code ApiVersionsRequest.getErrorResponse} does (KIP-511): the client retries at its max.
     */
    public ApiVersionsResponseData response(Errors error) {
        ApiVersionCollection keys = versions.duplicate();
        if (error == Errors.UNSUPPORTED_VERSION) {
            keys = new ApiVersionCollection();
            keys.add(versions.find(ApiKeys.API_VERSIONS.id).duplicate());
        }
        return new ApiVersionsResponseData()
                .setErrorCode(error.code())
                .setThrottleTimeMs(0)
                .setApiKeys(keys);
    }
}
