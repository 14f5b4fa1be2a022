package io.shardgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.kinesis.model.Record;

import io.shardgate.gateway.Gateway;
import io.shardgate.gateway.config.ConfigLoader;

class KafkaToKinesisTest {

    @Test
    void shouldReadThroughKinesisWhatAKafkaProducerWrote(@TempDir Path dataDir) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("store.dataDir", dataDir.toString());
        settings.put("kafka.listeners", "PLAINTEXT://127.0.0.1:0");
        settings.put("kinesis.port", "0");
        settings.put("admin.port", "0");
        try (Gateway gateway = Gateway.start(ConfigLoader.load(Optional.empty(), settings))) {
            List<Record> records = KafkaToKinesis.run(
                    "127.0.0.1:" + gateway.kafkaPort(),
                    URI.create("http://127.0.0.1:" + gateway.kinesisPort()),
                    "orders");

            assertThat(records).hasSize(6);
            assertThat(records).allSatisfy(record -> assertThat(record.data().asUtf8String())
                    .endsWith("of " + record.partitionKey()));
            // Per key, the orders come back in the order they were produced
            for (String customer : List.of("customer-0", "customer-1", "customer-2")) {
                assertThat(records.stream()
                                .filter(record -> record.partitionKey().equals(customer))
                                .map(record -> record.data().asUtf8String()))
                        .isSorted()
                        .hasSize(2);
            }
        }
    }
}
