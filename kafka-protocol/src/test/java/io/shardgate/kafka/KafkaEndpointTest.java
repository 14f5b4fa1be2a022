package io.shardgate.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaEndpointTest {

    @Test
    void shouldParseKafkaStyleListenersAndAdvertisedListeners() {
        assertThat(KafkaEndpoint.parse(
                        "PLAINTEXT://127.0.0.1:9092, internal://:9093,V6://[::1]:0",
                        "INTERNAL://broker.example:19093,V6://:0"))
                .containsExactly(
                        new KafkaEndpoint("PLAINTEXT", "127.0.0.1", 9092, "127.0.0.1", 0),
                        new KafkaEndpoint("INTERNAL", "0.0.0.0", 9093, "broker.example", 19093),
                        new KafkaEndpoint("V6", "::1", 0, "::1", 0));
    }

    @Test
    void shouldRefuseMalformedDuplicateOrNotYetSupportedListeners() {
        assertThatThrownBy(() -> KafkaEndpoint.parse("127.0.0.1:9092", ""))
                .hasMessageContaining("'127.0.0.1:9092' is not NAME://host:port");
        assertThatThrownBy(() -> KafkaEndpoint.parse("", "")).hasMessageContaining("at least one listener");
        assertThatThrownBy(() -> KafkaEndpoint.parse("A://h:1,a://h:2", "")).hasMessageContaining("A appears twice");
        assertThatThrownBy(() -> KafkaEndpoint.parse("A://h:1,B://h:1", "")).hasMessageContaining("port 1 twice");
        assertThatThrownBy(() -> KafkaEndpoint.parse("A://h:70000", "")).hasMessageContaining("above 65535");
        assertThatThrownBy(() -> KafkaEndpoint.parse("A://h:1", "B://x:2"))
                .hasMessageContaining("advertisedListeners names B, which is not in listeners");
        assertThatThrownBy(() -> KafkaEndpoint.parse("SASL_SSL://h:9094", ""))
                .hasMessageContaining("only plaintext listeners are supported so far");
    }
}
