package io.shardgate.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.shardgate.gateway.metrics.GatewayMetrics;
import io.shardgate.store.lmdb.LmdbShardStore;

/**
 * The admin endpoints: routing by method and path, and what each one answers. Pure in-memory work (the store's
 * catalog and map size, the meter registry): never blocks on I/O. Thread-safe.
 */
public final class AdminEndpoints {

    public static final String HEALTH = "/health";
    public static final String METRICS = "/metrics";
    static final String ALLOWED_METHODS = "GET, HEAD";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final LmdbShardStore store;
    private final GatewayMetrics metrics;
    private final Map<String, Supplier<AdminResponse>> routes;

    public AdminEndpoints(LmdbShardStore store, GatewayMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.routes = Map.of(HEALTH, this::health, METRICS, this::metrics);
    }

    /**
     * Answers one request: 404 for an unknown path, 405 for a method other than GET or HEAD (a HEAD response's body
     * is dropped by the HTTP encoder).
     */
    public AdminResponse handle(String method, String path) {
        Supplier<AdminResponse> endpoint = routes.get(path);
        if (endpoint == null) {
            return AdminResponse.text(404, "Not Found: " + path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new AdminResponse(
                    405,
                    AdminResponse.TEXT,
                    ("Method Not Allowed: " + method + "\n").getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", ALLOWED_METHODS));
        }
        return endpoint.get();
    }

    /**
     * {@code {"status":"UP","store":{"writable":true,"streams":N,"mapSizeBytes":M,"dataDir":"..."}}}; status
     * {@code DOWN} with HTTP 503 when the store no longer takes writes (closed, or its writer thread died).
     */
    public AdminResponse health() {
        boolean writable = store.writable();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", writable ? "UP" : "DOWN");
        ObjectNode storeNode = body.putObject("store");
        storeNode.put("writable", writable);
        storeNode.put("streams", store.streams().size());
        storeNode.put("mapSizeBytes", store.mapSizeBytes());
        storeNode.put(
                "dataDir", store.config().dataDir().toAbsolutePath().normalize().toString());
        try {
            return new AdminResponse(writable ? 200 : 503, AdminResponse.JSON, JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the health document", e);
        }
    }

    /** Every meter, in the Prometheus text format. */
    public AdminResponse metrics() {
        return new AdminResponse(
                200,
                GatewayMetrics.PROMETHEUS_CONTENT_TYPE,
                metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
