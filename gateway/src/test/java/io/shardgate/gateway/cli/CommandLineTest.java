package io.shardgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.shardgate.gateway.config.ConfigLoader;

class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "start --help", "start --admin.port=0 -h"})
    void shouldAskForHelpWhenAHelpFlagIsGiven(String line) throws UsageException {
        // Given
        List<String> args = List.of(line.split(" "));

        // When
        Invocation invocation = CommandLine.parse(args);

        // Then
        assertThat(invocation).isInstanceOf(Invocation.Help.class);
    }

    @Test
    void shouldStartWithNoOverridesWhenOnlyTheCommandIsGiven() throws UsageException {
        // Given / When
        Invocation invocation = CommandLine.parse(List.of("start"));

        // Then
        assertThat(invocation).isEqualTo(new Invocation.Start(Optional.empty(), Map.of()));
    }

    @Test
    void shouldCollectOverridesInOrderWhenKeysUseEqualsOrASpace() throws UsageException {
        // Given
        List<String> args = List.of("start", "--store.durability=fsync", "--admin.port", "0", "--admin.host=::1");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.overrides())
                .containsExactly(
                        Map.entry("store.durability", "fsync"),
                        Map.entry("admin.port", "0"),
                        Map.entry("admin.host", "::1"));
    }

    @Test
    void shouldKeepEverythingAfterTheFirstEqualsSignWhenAValueContainsOne() throws UsageException {
        // Given
        List<String> args = List.of("start", "--store.dataDir=/tmp/a=b");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.overrides()).containsExactly(Map.entry("store.dataDir", "/tmp/a=b"));
    }

    @Test
    void shouldTakeANegativeNumberAsAValueWhenGivenAfterASpace() throws UsageException {
        // Given
        List<String> args = List.of("start", "--admin.port", "-1");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.overrides()).containsExactly(Map.entry("admin.port", "-1"));
    }

    @Test
    void shouldSetStoreDataDirWhenDataDirIsGiven() throws UsageException {
        // Given
        List<String> args = List.of("start", "--data-dir", "/var/lib/shardgate");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.overrides()).containsExactly(Map.entry("store.dataDir", "/var/lib/shardgate"));
    }

    @Test
    void shouldLetTheLaterValueWinWhenAKeyIsGivenTwice() throws UsageException {
        // Given the alias and the key itself
        List<String> args = List.of("start", "--data-dir=first", "--admin.port=1", "--store.dataDir=second");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.overrides())
                .containsExactly(Map.entry("admin.port", "1"), Map.entry("store.dataDir", "second"));
    }

    @Test
    void shouldReadTheFileNameWhenConfigIsGiven() throws UsageException {
        // Given
        List<String> args = List.of("start", "--config", "conf/shardgate.yaml", "--admin.port=0");

        // When
        Invocation.Start start = (Invocation.Start) CommandLine.parse(args);

        // Then
        assertThat(start.configFile()).contains(Path.of("conf/shardgate.yaml"));
        assertThat(start.overrides()).containsExactly(Map.entry("admin.port", "0"));
    }

    @Test
    void shouldFailWhenNoCommandIsGiven() {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("no command given");
    }

    @Test
    void shouldFailWhenTheCommandIsUnknown() {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("run")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown command 'run'");
    }

    @Test
    void shouldFailWhenAnOptionHasNoValue() {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--admin.port", "--store.durability=os")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("option --admin.port needs a value");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--config")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("option --config needs a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=1", "--store=x", "--store.=x", "--.port=1", "--store..port=1", "--1.port=1"})
    void shouldFailWhenTheOptionIsNotADottedKey(String option) {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", option)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unknown option --");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "-x", "--"})
    void shouldFailWhenAnArgumentIsNotAnOption(String argument) {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", argument)))
                .isInstanceOf(UsageException.class)
                .hasMessage("unexpected argument '" + argument + "'");
    }

    @Test
    void shouldFailWhenConfigIsGivenTwice() {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--config=a.yaml", "--config", "b.yaml")))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --config given twice");
    }

    @Test
    void shouldFailWhenDataDirIsEmpty() {
        // Given / When / Then
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--data-dir=")))
                .isInstanceOf(UsageException.class)
                .hasMessage("option --data-dir needs a non-empty path");
    }

    @Test
    void shouldListEveryKeyWithItsDefaultWhenPrintingUsage() {
        // Given
        Map<String, String> defaults = ConfigLoader.flatten(ConfigLoader.defaultsTree());

        // When
        String usage = CommandLine.usage();

        // Then
        assertThat(usage).startsWith("Usage: shardgate start");
        defaults.forEach((key, value) -> assertThat(usage)
                .containsPattern(
                        "(?m)^  " + key.replace(".", "\\.") + " +" + java.util.regex.Pattern.quote(value) + "$"));
    }
}
