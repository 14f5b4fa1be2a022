package io.shardgate.kinesis.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

/**
 * Kinesis timestamps as the AWS SDKs put them on the wire (ADR 0004):
 *
 * <ul>
 *   <li>JSON 1.1: a number of epoch <em>seconds</em> with the milliseconds as fraction ({@code 1459799926.48}); on
 *       input also an ISO-8601 string, as the API reference allows;
 *   <li>CBOR 1.1: CBOR tag 1 (epoch-based date/time) around an integer of epoch <em>milliseconds</em>, which is
 *       what the AWS SDK for Java (v1 and v2) sends and reads, although tag 1 is defined in seconds; on input any
 *       number, tagged or not, is milliseconds.
 * </ul>
 */
public final class AwsTimestamps {

    /** CBOR tag 1, "epoch-based date/time" (RFC 8949 §3.4.2). */
    public static final int CBOR_EPOCH_TAG = 1;

    private AwsTimestamps() {}

    /** The Jackson module that reads and writes {@link Instant} this way. */
    public static SimpleModule module() {
        return new SimpleModule("aws-timestamps")
                .addSerializer(Instant.class, new Serializer())
                .addDeserializer(Instant.class, new Deserializer());
    }

    /** Epoch seconds with millisecond fraction, as JSON carries it. */
    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
    }

    private static final class Serializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (generator instanceof CBORGenerator cbor) {
                cbor.writeTag(CBOR_EPOCH_TAG);
                cbor.writeNumber(value.toEpochMilli());
            } else {
                BigDecimal seconds = epochSeconds(value);
                generator.writeNumber(seconds.scale() < 0 ? seconds.setScale(0) : seconds);
            }
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            boolean cbor = parser instanceof CBORParser;
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal number = parser.getDecimalValue();
                try {
                    return cbor
                            ? Instant.ofEpochMilli(number.longValueExact())
                            : Instant.ofEpochMilli(number.movePointRight(3).longValue());
                } catch (ArithmeticException e) {
                    if (cbor) {
                        return Instant.ofEpochMilli(number.longValue());
                    }
                    throw context.weirdNumberException(number, Instant.class, "not a timestamp");
                }
            }
            if (token == JsonToken.VALUE_STRING && !cbor) {
                String text = parser.getText().trim();
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        return Instant.ofEpochMilli(
                                new BigDecimal(text).movePointRight(3).longValue());
                    } catch (NumberFormatException notANumber) {
                        throw context.weirdStringException(text, Instant.class, "not a timestamp");
                    }
                }
            }
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
    }
}
