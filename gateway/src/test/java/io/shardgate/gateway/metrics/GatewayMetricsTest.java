package io.shardgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void shouldExposeJvmAndStoreMetersInPrometheusNamesWhenScraped() {
        // Given
        try (GatewayMetrics metrics = GatewayMetrics.create()) {
            metrics.storeListener().committed(1_000, 1, 2, 300);

            // When
            String scrape = metrics.scrape();

            // Then
            assertThat(scrape)
                    .contains("shardgate_store_appends_total 2.0")
                    .contains("shardgate_store_append_bytes_total 300.0")
                    .contains("shardgate_store_commit_latency_seconds_count 1")
                    .contains("shardgate_store_commit_operations_count 1")
                    .contains("shardgate_store_map_resizes_total 0.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("jvm_gc_")
                    .contains("jvm_threads_live_threads")
                    .contains("process_cpu_usage")
                    .contains("process_uptime_seconds");
        }
    }
}
