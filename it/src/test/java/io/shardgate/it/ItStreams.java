package io.shardgate.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Kinesis streams for integration tests, through the SDK's async client. */
final class ItStreams {
    private ItStreams() {}

    /** Creates a stream of {@code shards} shards and waits until it is {@code ACTIVE}; returns its ARN. */
    static String createActive(KinesisAsyncClient client, String name, int shards) throws Exception {
        client.createStream(b -> b.streamName(name).shardCount(shards)).get(30, TimeUnit.SECONDS);
        awaitActive(client, name);
        return client.describeStreamSummary(b -> b.streamName(name))
                .get(30, TimeUnit.SECONDS)
                .streamDescriptionSummary()
                .streamARN();
    }

    /** Waits until the stream is {@code ACTIVE} (after creation or resharding). */
    static void awaitActive(KinesisAsyncClient client, String name) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.describeStreamSummary(b -> b.streamName(name))
                                .get(30, TimeUnit.SECONDS)
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }
}
