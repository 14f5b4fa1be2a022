package io.shardgate.examples;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * One topic, two protocols: a Kafka producer writes keyed records to a topic, and the AWS SDK reads the same records
 * back from the stream of the same name, shard by shard. Run a gateway ({@code ./shardgate start}), then this class's
 * {@code main} (arguments: Kafka bootstrap servers, Kinesis endpoint; defaults 127.0.0.1:9092 and
 * http://127.0.0.1:4567) from an IDE, or run it against an in-process gateway with
 * {@code mvn -pl examples -am verify -Dtest=KafkaToKinesisTest -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Kafka partition {@code n} is Kinesis shard {@code shardId-00000000000n}; the Kafka key is the partition key and
 * the value is the data, byte for byte.
 */
public final class KafkaToKinesis {
    private KafkaToKinesis() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        URI kinesisEndpoint = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:4567");
        for (Record record : run(bootstrap, kinesisEndpoint, "orders-" + System.currentTimeMillis())) {
            System.out.printf(
                    "%s  key=%s  data=%s%n",
                    record.sequenceNumber(),
                    record.partitionKey(),
                    record.data().asUtf8String());
        }
    }

    /** Creates {@code topic} with 2 partitions, produces 6 keyed records, and reads them all through Kinesis. */
    public static List<Record> run(String bootstrap, URI kinesisEndpoint, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 6; i++) {
                String customer = "customer-" + (i % 3);
                producer.send(new ProducerRecord<>(topic, customer, "order " + i + " of " + customer));
            }
            producer.flush();
        }
        try (KinesisClient kinesis = KinesisClient.builder()
                .endpointOverride(kinesisEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("any-key", "any-secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            List<Record> records = new ArrayList<>();
            for (Shard shard : kinesis.listShards(r -> r.streamName(topic)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(topic)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                GetRecordsResponse page;
                do {
                    String current = iterator;
                    page = kinesis.getRecords(r -> r.shardIterator(current));
                    records.addAll(page.records());
                    iterator = page.nextShardIterator();
                } while (!page.records().isEmpty() && iterator != null);
            }
            return records;
        }
    }
}
