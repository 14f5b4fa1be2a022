package io.shardgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/configuration.md} in step with the configuration records. */
class ConfigurationDocsTest {

    /** The module's directory is the working directory of the tests. */
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");

    /** {@code | `store.dataDir` | path | `data` | meaning |}: key, type, default. */
    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*`([A-Za-z0-9.]+)`\\s*\\|\\s*([^|]*?)\\s*\\|\\s*`([^`]*)`\\s*\\|(.*)\\|\\s*$");

    private static Map<String, Row> documented;

    private record Row(String type, String defaultValue, String meaning) {}

    @BeforeAll
    static void readDocs() throws IOException {
        documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCS)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.put(
                        row.group(1),
                        new Row(row.group(2), row.group(3), row.group(4).trim()));
            }
        }
    }

    @Test
    void shouldDocumentEveryKeyWhenWalkingTheConfigurationRecords() {
        // Given every dotted key of the records
        List<String> keys = keys(GatewayConfig.class, "");

        // When / Then
        assertThat(keys).isNotEmpty().contains("store.dataDir", "admin.port");
        assertThat(documented.keySet()).as("rows of %s", DOCS).containsAll(keys);
        keys.forEach(key ->
                assertThat(documented.get(key).type()).as("type of %s", key).isNotBlank());
        keys.forEach(key -> assertThat(documented.get(key).meaning())
                .as("meaning of %s", key)
                .isNotBlank());
    }

    @Test
    void shouldDocumentNoKeyWhenTheRecordsDoNotHaveIt() {
        // Given
        List<String> keys = keys(GatewayConfig.class, "");

        // When / Then
        assertThat(keys).containsAll(documented.keySet());
    }

    @Test
    void shouldShowTheActualDefaultWhenAKeyIsDocumented() {
        // Given the defaults the loader starts from
        Map<String, String> defaults = ConfigLoader.flatten(ConfigLoader.defaultsTree());

        // When / Then
        defaults.forEach((key, value) -> assertThat(documented.get(key))
                .as("row of %s", key)
                .isNotNull()
                .extracting(row -> row.defaultValue().toLowerCase(Locale.ROOT))
                .as("default of %s", key)
                .isEqualTo(value.toLowerCase(Locale.ROOT)));
    }

    /** The dotted keys of a configuration record: its components, recursing into nested records. */
    private static List<String> keys(Class<?> record, String prefix) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + component.getName();
            if (component.getType().isRecord()) {
                keys.addAll(keys(component.getType(), key + "."));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }
}
