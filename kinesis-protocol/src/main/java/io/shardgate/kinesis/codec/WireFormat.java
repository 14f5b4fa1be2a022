package io.shardgate.kinesis.codec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The two bodies the Kinesis API speaks, with identical semantics: AWS JSON 1.1 (blobs as base64 strings) and
 * AWS CBOR 1.1 (blobs as byte strings). Timestamps follow {@link AwsTimestamps}. Unknown members are ignored, as
 * AWS ignores them; a value of the wrong JSON type (a string for an integer, a number for a string) is a
 * {@code SerializationException}, never coerced. The mappers are thread-safe.
 */
public enum WireFormat {
    JSON("application/x-amz-json-1.1", new JsonFactory()),
    CBOR("application/x-amz-cbor-1.1", new CBORFactory());

    private final String contentType;
    private final ObjectMapper mapper;

    WireFormat(String contentType, JsonFactory factory) {
        this.contentType = contentType;
        this.mapper = newMapper(factory, factory instanceof CBORFactory ? List.of() : List.of(JsonBlobs.module()));
    }

    /** A mapper with the settings above for {@code factory}, plus {@code modules}. */
    static ObjectMapper newMapper(JsonFactory factory, List<Module> modules) {
        ObjectMapper built = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(AwsTimestamps.module())
                .addModules(modules)
                .build();
        built.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        built.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        built.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return built;
    }

    /** The {@code Content-Type} of requests and responses in this format. */
    public String contentType() {
        return contentType;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The format of a request's {@code Content-Type} (parameters such as {@code charset} ignored). AWS also takes
     * {@code application/json} for JSON 1.1.
     */
    public static Optional<WireFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-amz-json-1.1", "application/json" -> Optional.of(JSON);
            case "application/x-amz-cbor-1.1" -> Optional.of(CBOR);
            default -> Optional.empty();
        };
    }
}
