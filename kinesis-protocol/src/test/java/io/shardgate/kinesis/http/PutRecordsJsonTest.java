package io.shardgate.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;

/**
 * The PutRecords fast path against Jackson, the reference it stands in for: what it accepts, Jackson reads to the
 * same input; what it cannot take plainly, it declines, and Jackson decides.
 */
class PutRecordsJsonTest {
    private static final ObjectMapper JACKSON = WireFormat.JSON.mapper();

    @Test
    void readsWhatTheSdkSendsAsJacksonDoes() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[random.nextInt(40)];
                random.nextBytes(data);
                entries.add(new PutRecordsRequestEntry(
                        data,
                        random.nextBoolean() ? null : Long.toString(random.nextLong() & Long.MAX_VALUE),
                        "key-" + random.nextInt()));
            }
            PutRecordsInput input = new PutRecordsInput(
                    entries,
                    random.nextBoolean() ? "stream-" + round : null,
                    random.nextBoolean() ? "arn:aws:kinesis:us-east-1:000000000000:stream/s" + round : null,
                    random.nextBoolean() ? null : random.nextBoolean());
            byte[] compact = JACKSON.writeValueAsBytes(input);
            byte[] indented =
                    JACKSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(input);

            assertThat(PutRecordsJson.parse(compact)).isEqualTo(input).isEqualTo(jackson(compact));
            assertThat(PutRecordsJson.parse(indented)).isEqualTo(input).isEqualTo(jackson(indented));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Records\":[],\"StreamName\":\"s\"}",
                "{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"k\",\"Data\":\"\"}]}",
                "{\"Records\":[{\"Data\":\"AQID\"}]}",
                "{\"StreamARN\":\"arn\",\"DryRun\":false}",
                " {\t\"Records\" :\r\n[ { \"Data\" : \"AA==\" , \"PartitionKey\" : \" spaced key \" } ] } \n",
            })
    void readsOtherPlainBodiesAsJacksonDoes(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(PutRecordsJson.parse(bytes)).isNotNull().isEqualTo(jackson(bytes));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{}",
                "[]",
                "null",
                "{\"Records\":null}",
                "{\"Records\":[null]}",
                "{\"Records\":[{\"Data\":\"AA==\",\"PartitionKey\":\"k\",\"Other\":1}]}",
                "{\"Records\":[],\"Unknown\":\"x\"}",
                "{\"Records\":[],\"StreamName\":\"a\",\"StreamName\":\"b\"}",
                "{\"Records\":[{\"Data\":\"AA==\",\"Data\":\"AQ==\"}]}",
                "{\"Records\":[{\"PartitionKey\":\"\\u00e9\"}]}",
                "{\"Records\":[{\"PartitionKey\":\"caf\u00e9\"}]}",
                "{\"Records\":[{\"PartitionKey\":\"tab\there\"}]}",
                "{\"Records\":[{\"PartitionKey\":\"del\u007fhere\"}]}",
                "{\"Records\":[{\"PartitionKey\":1}]}",
                "{\"Records\":[{\"Data\":\"AQI\"}]}",
                "{\"Records\":[{\"Data\":\"AQ\\u003d\\u003d\"}]}",
                "{\"Records\":[{\"Data\":\"AQ==\\n\"}]}",
                "{\"Records\":[{\"Data\":\"A*==\"}]}",
                "{\"Records\":[{\"Data\":[1,2]}]}",
                "{\"DryRun\":\"true\"}",
                "{\"DryRun\":truthy}",
                "{\"Records\":[]} x",
                "{\"Records\":[]}{}",
                "{\"Records\":[],}",
                "{\"Records\":[{\"Data\":\"AA==\"},]}",
                "{\"Records\":[{\"Data\":\"AA==\"}",
                "{\"Records\":[{\"Data\":\"AA==",
                "{\"StreamName\":\"unterminated",
            })
    void declinesAnythingElse(String body) {
        assertThat(PutRecordsJson.parse(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /** Random damage to a valid body: whenever the fast path still accepts it, Jackson reads it to the same input. */
    @Test
    void neverAcceptsWhatJacksonReadsDifferentlyOrRefuses() throws Exception {
        byte[] valid = ("{\"Records\":[{\"Data\":\"AQIDBA==\",\"PartitionKey\":\"a\"},"
                        + "{\"Data\":\"\",\"ExplicitHashKey\":\"12\",\"PartitionKey\":\"b c\"}],"
                        + "\"StreamName\":\"s\",\"DryRun\":true}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\":, \\\tAQ=+/0aZ\u00e9nulltrue".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(11);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] body = valid.clone();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(body.length);
                byte b = alphabet[random.nextInt(alphabet.length)];
                body = switch (random.nextInt(3)) {
                    case 0 -> replace(body, at, b);
                    case 1 -> insert(body, at, b);
                    default -> delete(body, at);
                };
            }
            PutRecordsInput fast = PutRecordsJson.parse(body);
            if (fast != null) {
                accepted++;
                assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(jackson(body));
            }
        }
        assertThat(accepted).as("damaged bodies the fast path still took").isGreaterThan(100);
    }

    private static PutRecordsInput jackson(byte[] body) throws Exception {
        return JACKSON.readValue(body, PutRecordsInput.class);
    }

    private static byte[] replace(byte[] body, int at, byte b) {
        byte[] copy = body.clone();
        copy[at] = b;
        return copy;
    }

    private static byte[] insert(byte[] body, int at, byte b) {
        byte[] copy = new byte[body.length + 1];
        System.arraycopy(body, 0, copy, 0, at);
        copy[at] = b;
        System.arraycopy(body, at, copy, at + 1, body.length - at);
        return copy;
    }

    private static byte[] delete(byte[] body, int at) {
        byte[] copy = Arrays.copyOf(body, body.length - 1);
        System.arraycopy(body, at + 1, copy, at, body.length - at - 1);
        return copy;
    }
}
