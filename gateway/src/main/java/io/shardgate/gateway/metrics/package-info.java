/**
 * Metrics: one Micrometer {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry} per gateway
 * ({@link io.shardgate.gateway.metrics.GatewayMetrics}) with the JVM and process binders, and the store's
 * measurements ({@link io.shardgate.gateway.metrics.MicrometerStoreListener}). Meters are thread-safe; the store
 * listener is called on the store's writer thread and only updates lock-free meters.
 */
package io.shardgate.gateway.metrics;
