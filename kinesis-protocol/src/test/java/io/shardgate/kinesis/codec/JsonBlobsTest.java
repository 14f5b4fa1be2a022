package io.shardgate.kinesis.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.PutRecordInput;

/**
 * JSON blobs through the JDK's base64 write exactly what Jackson's own base64 did, and read the same bytes from what
 * it accepted and refuse, with the same Kinesis error, what it refused (Jackson's wording of the reason may differ).
 */
class JsonBlobsTest {

    /** Jackson's own handling of blobs, as the JSON mapper had it before. */
    private static final ObjectMapper JACKSON = WireFormat.newMapper(new JsonFactory(), List.of());

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 57, 1024, 65_537})
    void shouldWriteAndReadTheSameTextAsJackson(int length) throws Exception {
        // Given
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        PutRecordInput input = new PutRecordInput("s", data, "pk", null, null, null, null);

        // When
        String written = WireFormat.JSON.mapper().writeValueAsString(input);

        // Then
        assertThat(written).isEqualTo(JACKSON.writeValueAsString(input));
        assertThat(written).contains("\"Data\":\"" + Base64.getEncoder().encodeToString(data) + "\"");
        assertThat(WireFormat.JSON
                        .mapper()
                        .readValue(written, PutRecordInput.class)
                        .data())
                .isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"AAEC/v8=\"",
                "\"AAEC/v8\"",
                "\"AAEC /v8=\"",
                "\"AAEC\\n/v8=\"",
                "\"AA==AA==\"",
                "\"!!!!\"",
                "\"\"",
                "\"A\"",
                "[1,2,3]",
                "12",
                "true",
                "{}"
            })
    void shouldAcceptWhatJacksonAcceptedAndRefuseWhatItRefused(String dataJson) {
        String json = "{\"StreamName\":\"s\",\"PartitionKey\":\"pk\",\"Data\":" + dataJson + "}";

        Object ours = outcome(WireFormat.JSON.mapper(), json);
        Object jacksons = outcome(JACKSON, json);

        assertThat(ours).isEqualTo(jacksons);
    }

    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return Base64.getEncoder()
                    .encodeToString(mapper.readValue(json, PutRecordInput.class).data());
        } catch (Exception e) {
            return KinesisErrors.toKinesis(e).error();
        }
    }
}
