package io.shardgate.kinesis.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.PrimitiveArrayDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

/**
 * JSON 1.1 blobs (record data) as padded standard base64, encoded and decoded with the JDK's {@link Base64}, whose
 * loops the JVM compiles to vector instructions; Jackson's own base64 goes three bytes at a time and was the largest
 * single cost of a JSON PutRecords or GetRecords. The text is the same. Anything but a string the JDK's decoder
 * takes as padded base64 (whitespace, missing padding, other tokens) is handed to Jackson's own deserializer, so what
 * was accepted or refused before still is, with the same error.
 */
final class JsonBlobs {

    private JsonBlobs() {}

    static SimpleModule module() {
        return new SimpleModule("kinesis-json-blobs")
                .addSerializer(byte[].class, new Serializer())
                .addSerializer(ByteBuffer.class, new BufferSerializer())
                .addDeserializer(byte[].class, new Deserializer());
    }

    private static final class Serializer extends StdScalarSerializer<byte[]> {
        Serializer() {
            super(byte[].class);
        }

        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(ByteBuffer.wrap(Base64.getEncoder().encode(value)), gen);
        }
    }

    /** A blob held as a buffer's remaining bytes (records read from the store), left as it was. */
    private static final class BufferSerializer extends StdScalarSerializer<ByteBuffer> {
        BufferSerializer() {
            super(ByteBuffer.class);
        }

        @Override
        public void serialize(ByteBuffer value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(Base64.getEncoder().encode(value.duplicate()), gen);
        }
    }

    private static void write(ByteBuffer text, JsonGenerator gen) throws IOException {
        if (text.hasArray() && gen instanceof UTF8JsonGenerator) {
            // base64 needs no escaping: written as a quoted string as it is
            gen.writeRawUTF8String(text.array(), text.arrayOffset() + text.position(), text.remaining());
        } else {
            gen.writeString(StandardCharsets.US_ASCII.decode(text).toString());
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<byte[]> {
        /** Jackson's own, for every other token (what it accepted before, it still does). */
        private static final JsonDeserializer<?> STANDARD = PrimitiveArrayDeserializers.forType(Byte.TYPE);

        Deserializer() {
            super(byte[].class);
        }

        @Override
        public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText();
                // the JDK takes missing padding, Jackson does not: such text goes to Jackson
                if (text.length() % 4 == 0) {
                    try {
                        return Base64.getDecoder().decode(text);
                    } catch (IllegalArgumentException notStrictBase64) {
                        // Jackson decides, with its own error
                    }
                }
            }
            return (byte[]) STANDARD.deserialize(p, ctxt);
        }
    }
}
