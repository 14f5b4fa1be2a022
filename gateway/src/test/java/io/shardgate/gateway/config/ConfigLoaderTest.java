package io.shardgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.lmdb.Durability;
import io.shardgate.store.lmdb.LmdbStoreConfig;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldBindTheDefaultsWhenNothingIsGiven() {
        // Given no file and no overrides
        // When
        GatewayConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        // Then
        assertThat(config).isEqualTo(GatewayConfig.defaults());
        assertThat(config.store()).isEqualTo(LmdbStoreConfig.defaults(Path.of("data")));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 8080));
    }

    @Test
    void shouldKeepOtherDefaultsOfASectionWhenTheFileSetsOneKey() throws IOException {
        // Given
        Path file = yaml("""
                store:
                  flushIntervalMs: 250
                admin:
                  port: 9090
                """);

        // When
        GatewayConfig config = ConfigLoader.load(Optional.of(file), Map.of());

        // Then
        assertThat(config.store().flushIntervalMs()).isEqualTo(250);
        assertThat(config.store().durability()).isEqualTo(Durability.OS);
        assertThat(config.store().readerThreads()).isEqualTo(LmdbStoreConfig.DEFAULT_READER_THREADS);
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090));
    }

    @Test
    void shouldPreferTheCommandLineWhenFileAndCommandLineSetTheSameKey() throws IOException {
        // Given
        Path file = yaml("""
                store:
                  dataDir: /var/lib/from-file
                  durability: fsync
                admin:
                  port: 9090
                """);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("admin.port", "0");
        overrides.put("store.dataDir", "from-cli");

        // When
        GatewayConfig config = ConfigLoader.load(Optional.of(file), overrides);

        // Then
        assertThat(config.admin().port()).isZero();
        assertThat(config.store().dataDir()).isEqualTo(Path.of("from-cli"));
        assertThat(config.store().durability()).isEqualTo(Durability.FSYNC);
    }

    @Test
    void shouldAcceptDurabilityInAnyCaseWhenGivenInFileOrOnCommandLine() throws IOException {
        // Given
        Path file = yaml("store:\n  durability: fsync\n");

        // When
        GatewayConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of());
        GatewayConfig fromCli = ConfigLoader.load(Optional.empty(), Map.of("store.durability", "os"));
        GatewayConfig upperCase = ConfigLoader.load(Optional.empty(), Map.of("store.durability", "FSYNC"));

        // Then
        assertThat(fromFile.store().durability()).isEqualTo(Durability.FSYNC);
        assertThat(fromCli.store().durability()).isEqualTo(Durability.OS);
        assertThat(upperCase.store().durability()).isEqualTo(Durability.FSYNC);
    }

    @Test
    void shouldBindEveryKindOfValueWhenAllComeFromTheCommandLine() {
        // Given every store key as text, as the command line gives them
        Map<String, String> overrides = Map.of(
                "store.dataDir", "/tmp/shardgate",
                "store.durability", "fsync",
                "store.flushIntervalMs", "10",
                "store.initialMapSizeBytes", "1048576",
                "store.maxBatchBytes", "2048",
                "store.retentionCheckIntervalMs", "5000",
                "store.readerThreads", "2",
                "admin.host", "localhost",
                "admin.port", "18080");

        // When
        GatewayConfig config = ConfigLoader.load(Optional.empty(), overrides);

        // Then
        assertThat(config.store())
                .isEqualTo(
                        new LmdbStoreConfig(Path.of("/tmp/shardgate"), Durability.FSYNC, 10, 1048576, 2048, 5000, 2));
        assertThat(config.admin()).isEqualTo(new AdminConfig("localhost", 18080));
    }

    @Test
    void shouldNameTheKeyWhenTheFileHasAnUnknownKey() throws IOException {
        // Given a typo in a key
        Path file = yaml("store:\n  flushIntervalMS: 10\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'store.flushIntervalMS'")
                .hasMessageContaining("store.flushIntervalMs");
    }

    @Test
    void shouldBindTheKinesisSectionWhenItsKeysAreGiven() {
        // Given / When
        GatewayConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of("kinesis.port", "0", "kinesis.region", "eu-west-1", "kinesis.statusDelayMs", "0"));

        // Then
        assertThat(config.kinesis().port()).isZero();
        assertThat(config.kinesis().region()).isEqualTo("eu-west-1");
        assertThat(config.kinesis().statusDelayMs()).isZero();
        assertThat(config.kinesis().accountId()).isEqualTo("000000000000");
    }

    @Test
    void shouldNameTheKeyWhenTheKinesisAccountIsNotTwelveDigits() {
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("kinesis.accountId", "1234")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'kinesis.accountId' must be twelve digits: 1234");
    }

    @Test
    void shouldNameTheKeyWhenTheCommandLineHasAnUnknownSection() {
        // Given a section that does not exist
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("kinesiss.port", "4567")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'kinesiss'")
                .hasMessageContaining("kinesis")
                .hasMessageContaining("admin")
                .hasMessageContaining("store");
    }

    @Test
    void shouldNameTheKeyWhenAValueHasTheWrongType() {
        // Given / When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("admin.port", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'admin.port': 'http' is not an integer");
    }

    @Test
    void shouldRejectAFractionWhenAnIntegerIsExpected() throws IOException {
        // Given
        Path file = yaml("admin:\n  port: 8080.5\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'admin.port'");
    }

    @Test
    void shouldListTheAcceptedValuesWhenDurabilityIsUnknown() {
        // Given / When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("store.durability", "sometimes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'store.durability': 'sometimes' is not one of: fsync, os");
    }

    @Test
    void shouldNameTheWholeKeyWhenTheStoreRejectsAValue() {
        // Given a value the record's compact constructor refuses
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("store.flushIntervalMs", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'store.flushIntervalMs' must be > 0: 0");
    }

    @Test
    void shouldNameTheWholeKeyWhenTheAdminPortIsOutOfRange() {
        // Given / When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("admin.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'admin.port' must be between 0 and 65535: 70000");
    }

    @Test
    void shouldBindTheLimitsSectionAndRefuseAnUnknownProfile() {
        // Given / When
        GatewayConfig config = ConfigLoader.load(
                Optional.empty(), Map.of("limits.defaultProfile", "kinesis-on-demand", "limits.shardQuota", "200"));

        // Then
        assertThat(config.limits()).isEqualTo(new LimitsConfig("kinesis-on-demand", 200));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).limits()).isEqualTo(LimitsConfig.defaults());
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("limits.defaultProfile", "fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'limits.defaultProfile' must be one of unlimited, kinesis-provisioned, kinesis-on-demand,"
                        + " msk: fast");
    }

    @Test
    void shouldRejectABlankHostWhenGivenOnTheCommandLine() {
        // Given / When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("admin.host", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'admin.host' must not be blank");
    }

    @Test
    void shouldRejectAnEmptyDataDirWhenGivenOnTheCommandLine() {
        // Given / When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("store.dataDir", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'store.dataDir'");
    }

    @Test
    void shouldUseTheDefaultsWhenTheFileIsEmptyOrHasEmptySections() throws IOException {
        // Given
        Path empty = yaml("");
        Path emptySections = yaml("store:\nadmin:\n");

        // When / Then
        assertThat(ConfigLoader.load(Optional.of(empty), Map.of())).isEqualTo(GatewayConfig.defaults());
        assertThat(ConfigLoader.load(Optional.of(emptySections), Map.of())).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void shouldNameTheKeyWhenAValueIsNull() throws IOException {
        // Given
        Path file = yaml("store:\n  dataDir: ~\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'store.dataDir' needs a value");
    }

    @Test
    void shouldNameTheKeyWhenASectionIsGivenAValue() throws IOException {
        // Given
        Path file = yaml("store: /var/lib/shardgate\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'store' is a section");
    }

    @Test
    void shouldNameTheKeyWhenAValueIsGivenASection() throws IOException {
        // Given
        Path file = yaml("admin:\n  port:\n    number: 1\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'admin.port' takes a single value, not a section");
    }

    @Test
    void shouldRejectTheCommandLineWhenAKeyIsBothASectionAndAValue() {
        // Given
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("admin.port", "1");
        overrides.put("admin.port.x", "2");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), overrides))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'admin.port'");
    }

    @Test
    void shouldSayWhichFileWhenItDoesNotExist() {
        // Given
        Path missing = dir.resolve("missing.yaml");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + missing + " does not exist");
    }

    @Test
    void shouldGiveTheLineWhenTheFileIsNotValidYaml() throws IOException {
        // Given
        Path file = yaml("store:\n  durability: [os\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML")
                .hasMessageContaining("line");
    }

    @Test
    void shouldRejectTheFileWhenAKeyIsRepeated() throws IOException {
        // Given
        Path file = yaml("admin:\n  port: 1\n  port: 2\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
    }

    @Test
    void shouldRejectTheFileWhenItIsNotAMapping() throws IOException {
        // Given
        Path file = yaml("- store\n- admin\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a mapping");
    }

    @Test
    void shouldShowPathsAsPlainTextWhenTheDefaultsAreFlattened() {
        // Given / When
        Map<String, String> defaults = ConfigLoader.flatten(ConfigLoader.defaultsTree());

        // Then
        assertThat(defaults)
                .containsEntry("store.dataDir", "data")
                .containsEntry("store.durability", "os")
                .containsEntry("admin.host", "127.0.0.1")
                .containsEntry("admin.port", "8080");
    }

    private Path yaml(String text) throws IOException {
        Path file = Files.createTempFile(dir, "shardgate", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
