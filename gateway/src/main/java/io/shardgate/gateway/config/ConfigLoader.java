package io.shardgate.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Builds a {@link GatewayConfig}: the defaults ({@link GatewayConfig#defaults()}) as a tree, the YAML file
 * deep-merged over it, the command-line overrides deep-merged over that, then bound to the records, which validate
 * themselves. Unknown keys, wrong types and invalid values fail with a {@link ConfigException} naming the dotted key.
 */
public final class ConfigLoader {

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("shardgate-paths")
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addDeserializer(Path.class, new PathDeserializer()))
            .build();

    private ConfigLoader() {}

    /**
     * Loads the configuration.
     *
     * @param file the YAML file, if any
     * @param overrides dotted keys ({@code store.durability}) to values, as given on the command line; later entries
     *     win
     */
    public static GatewayConfig load(Optional<Path> file, Map<String, String> overrides) {
        ObjectNode tree = defaultsTree();
        if (file.isPresent()) {
            merge(tree, readYaml(file.get()), "");
        }
        merge(tree, overridesTree(overrides), "");
        return bind(tree);
    }

    /** The defaults as a tree, keyed like the YAML file. */
    public static ObjectNode defaultsTree() {
        return toTree(GatewayConfig.defaults());
    }

    /** A configuration as a tree, keyed like the YAML file. */
    public static ObjectNode toTree(GatewayConfig config) {
        return MAPPER.valueToTree(config);
    }

    /** Every leaf of {@code tree} as dotted key → value text, in document order. */
    public static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> leaves = new LinkedHashMap<>();
        flatten(tree, "", leaves);
        return leaves;
    }

    /** Parses a YAML document; an empty document is an empty mapping. */
    static ObjectNode readYaml(Path file) {
        JsonNode node;
        try (Reader reader = Files.newBufferedReader(file)) {
            node = MAPPER.readTree(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist", e);
        } catch (JacksonException e) {
            throw new ConfigException(
                    "configuration file " + file + " is not valid YAML: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e, e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException(
                    "configuration file " + file + " must be a mapping of sections (store:, admin:), not a "
                            + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /** Turns {@code a.b.c=v} pairs into nested objects with text leaves. */
    static ObjectNode overridesTree(Map<String, String> overrides) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            String key = override.getKey();
            String[] parts = key.split("\\.", -1);
            ObjectNode node = root;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.isEmpty()) {
                    throw new ConfigException("'" + key + "' is not a configuration key");
                }
                JsonNode child = node.get(part);
                String prefix = String.join(".", List.of(parts).subList(0, i + 1));
                if (i == parts.length - 1) {
                    if (child != null && child.isObject()) {
                        throw new ConfigException("'" + prefix + "' is a section and also given a value");
                    }
                    node.put(part, override.getValue());
                } else if (child == null) {
                    node = node.putObject(part);
                } else if (child.isObject()) {
                    node = (ObjectNode) child;
                } else {
                    throw new ConfigException("'" + prefix + "' is given a value and also used as a section");
                }
            }
        }
        return root;
    }

    /**
     * Deep-merges {@code overlay} into {@code base}: sections merge key by key, values (and lists) replace. A null
     * section is an empty one. Keys unknown to {@code base} are copied so that binding reports them.
     */
    static void merge(ObjectNode base, JsonNode overlay, String prefix) {
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = base.get(field.getKey());
            if (existing == null) {
                base.set(field.getKey(), value.deepCopy());
            } else if (existing.isObject()) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw new ConfigException("'" + key + "' is a section: set its keys (" + key + "."
                            + existing.fieldNames().next() + " …), not '" + value.asText() + "'");
                }
                merge((ObjectNode) existing, value, key);
            } else if (value.isNull()) {
                throw new ConfigException("'" + key + "' needs a value");
            } else if (value.isObject()) {
                throw new ConfigException("'" + key + "' takes a single value, not a section");
            } else {
                base.set(field.getKey(), value.deepCopy());
            }
        }
    }

    /** Binds a merged tree to the records, turning every failure into a message that names the key. */
    static GatewayConfig bind(ObjectNode tree) {
        try {
            return MAPPER.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e);
            String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
            String known = e.getKnownPropertyIds().stream()
                    .map(id -> parent + id)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new ConfigException("unknown key '" + key + "' (known keys: " + known + ")", e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(
                    "'" + path(e) + "': '" + e.getValue() + "' is not " + describe(e.getTargetType()), e);
        } catch (ValueInstantiationException e) {
            throw new ConfigException(invalidValue(path(e), e), e);
        } catch (MismatchedInputException e) {
            Class<?> target = e.getTargetType();
            String expected = target == null ? "" : " (expected " + describe(target) + ")";
            throw new ConfigException("'" + path(e) + "' has the wrong type" + expected, e);
        } catch (JsonMappingException e) {
            throw new ConfigException("'" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A record's compact constructor rejected a value. Its message starts with the component's name ({@code
     * "flushIntervalMs must be > 0: -1"}); prefix it with the section's path so the message names the whole key.
     */
    private static String invalidValue(String section, ValueInstantiationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = String.valueOf(cause.getMessage());
        Class<?> type = e.getType() == null ? null : e.getType().getRawClass();
        if (type != null && type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                String name = component.getName();
                String key = section.isEmpty() ? name : section + "." + name;
                if (cause instanceof NullPointerException && message.equals(name)) {
                    return "'" + key + "' needs a value";
                }
                if (message.startsWith(name + " ")) {
                    return "'" + key + "' " + message.substring(name.length() + 1);
                }
            }
        }
        return "invalid value in '" + (section.isEmpty() ? "(top level)" : section) + "': " + message;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of: "
                    + Stream.of(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Path.class) {
            return "a path";
        }
        return "a " + type.getSimpleName();
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        String message = String.valueOf(e.getOriginalMessage());
        return location == null || message.contains("line ")
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> leaves) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                flatten(node.get(name), prefix.isEmpty() ? name : prefix + "." + name, leaves);
            }
        } else {
            leaves.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    /** Paths as plain strings ({@code data}, {@code /var/lib/shardgate}), not URIs. */
    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        private static final long serialVersionUID = 1L;

        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                return (Path) context.handleUnexpectedToken(Path.class, parser);
            }
            String text = parser.getText();
            if (text.isBlank()) {
                throw context.weirdStringException(text, Path.class, "a path must not be empty");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw context.weirdStringException(text, Path.class, e.getReason());
            }
        }
    }
}
