package io.shardgate.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SigV4 header is understood as the SDKs send it; anything else is simply absent, never a failure. */
class SigV4AuthorizationTest {

    @Test
    void shouldReadEveryPartWhenTheSdkSignedTheRequest() {
        // When
        var parsed = SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/eu-west-1/kinesis/"
                + "aws4_request, SignedHeaders=amz-sdk-invocation-id;host;x-amz-date;x-amz-target,"
                + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

        // Then
        assertThat(parsed).hasValueSatisfying(auth -> {
            assertThat(auth.accessKeyId()).isEqualTo("AKIDEXAMPLE");
            assertThat(auth.date()).isEqualTo("20261125");
            assertThat(auth.region()).isEqualTo("eu-west-1");
            assertThat(auth.service()).isEqualTo("kinesis");
            assertThat(auth.signedHeaders())
                    .containsExactly("amz-sdk-invocation-id", "host", "x-amz-date", "x-amz-target");
            assertThat(auth.signature()).hasSize(64);
        });
    }

    @Test
    void shouldBeEmptyWhenTheHeaderIsAbsentOrNotSigV4() {
        assertThat(SigV4Authorization.parse(null)).isEmpty();
        assertThat(SigV4Authorization.parse("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(SigV4Authorization.parse("AWS4-HMAC-SHA256 Credential=broken"))
                .isEmpty();
    }
}
