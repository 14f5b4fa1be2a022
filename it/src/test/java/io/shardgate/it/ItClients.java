package io.shardgate.it;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

import io.shardgate.gateway.Gateway;

/** SDK clients for integration tests against an in-process gateway. */
final class ItClients {
    private ItClients() {}

    /**
     * The AWS SDK for Java v2 sync client on the gateway's plain Kinesis listener (Apache HTTP client, us-east-1, any
     * credentials): CBOR unless the test runs it inside {@link SdkJson#run}.
     */
    static KinesisClient kinesis(Gateway gateway) {
        return kinesisBuilder(gateway).build();
    }

    /** The builder of {@link #kinesis}, for a test that configures the client further. */
    static KinesisClientBuilder kinesisBuilder(Gateway gateway) {
        return KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.kinesisPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder());
    }
}
