package io.shardgate.kafka.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

class TopicConfigsTest {

    @Test
    void shouldStartNewTopicsFromKafkasDefaults() {
        StreamSettings settings = TopicConfigs.forNewTopic(Map.of());

        assertThat(settings.retentionMs()).isEqualTo(604_800_000L);
        assertThat(settings.maxRecordBytes()).isEqualTo(1_048_588);
        assertThat(settings.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(settings.configs()).isEmpty();
        assertThat(TopicConfigs.describe(settings))
                .extracting(TopicConfigs.Value::name, TopicConfigs.Value::value, TopicConfigs.Value::isDefault)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("cleanup.policy", "delete", true),
                        org.assertj.core.groups.Tuple.tuple("compression.type", "producer", true),
                        org.assertj.core.groups.Tuple.tuple("min.insync.replicas", "1", true),
                        org.assertj.core.groups.Tuple.tuple("retention.bytes", "-1", true),
                        org.assertj.core.groups.Tuple.tuple("segment.bytes", "1073741824", true),
                        org.assertj.core.groups.Tuple.tuple("retention.ms", "604800000", true));
    }

    @Test
    void shouldMapSettingsFieldsAndKeepOtherConfigsUnderThePrefix() {
        StreamSettings settings = TopicConfigs.forNewTopic(Map.of(
                "retention.ms", "-1",
                "max.message.bytes", "2000",
                "message.timestamp.type", "LogAppendTime",
                "compression.type", "zstd"));

        assertThat(settings.retentionMs()).isEqualTo(-1L);
        assertThat(settings.maxRecordBytes()).isEqualTo(2000);
        assertThat(settings.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        // Every config set is marked under the prefix, also those mapped onto settings fields
        assertThat(settings.configs())
                .containsOnlyKeys(
                        "kafka.compression.type",
                        "kafka.retention.ms",
                        "kafka.max.message.bytes",
                        "kafka.message.timestamp.type")
                .containsEntry("kafka.compression.type", "zstd");

        // Deleting returns to the default
        StreamSettings reset = TopicConfigs.apply(
                settings, Map.of("compression.type", Optional.empty(), "retention.ms", Optional.empty()));
        assertThat(reset.configs()).containsOnlyKeys("kafka.max.message.bytes", "kafka.message.timestamp.type");
        assertThat(reset.retentionMs()).isEqualTo(TopicConfigs.DEFAULT_RETENTION_MS);
        assertThat(TopicConfigs.value(reset, "retention.ms").isDefault()).isTrue();
    }

    @Test
    void shouldReportAConfigSetToItsDefaultValueAsSetAsKafkaDoes() {
        StreamSettings settings =
                TopicConfigs.forNewTopic(Map.of("message.timestamp.type", "CreateTime", "preallocate", "false"));

        assertThat(TopicConfigs.value(settings, "message.timestamp.type"))
                .isEqualTo(new TopicConfigs.Value("message.timestamp.type", "CreateTime", false));
        assertThat(TopicConfigs.value(settings, "preallocate"))
                .isEqualTo(new TopicConfigs.Value("preallocate", "false", false));
        assertThat(TopicConfigs.value(settings, "retention.ms").isDefault()).isTrue();
    }

    @Test
    void shouldRefuseUnknownNamesAndMalformedValues() {
        StreamSettings settings = TopicConfigs.forNewTopic(Map.of());

        assertThatThrownBy(() -> TopicConfigs.apply(settings, Map.of("nope", Optional.of("1"))))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> TopicConfigs.apply(settings, Map.of("retention.ms", Optional.of("-5"))))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> TopicConfigs.apply(settings, Map.of("cleanup.policy", Optional.of("shred"))))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> TopicConfigs.apply(settings, Map.of("compression.type", Optional.of("brotli"))))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> TopicConfigs.appendOrSubtract(settings, "retention.ms", "1", true))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void shouldAppendToAndSubtractFromListConfigs() {
        StreamSettings settings = TopicConfigs.forNewTopic(Map.of());

        String appended = TopicConfigs.appendOrSubtract(settings, "cleanup.policy", "compact", true);
        StreamSettings compacting = TopicConfigs.apply(settings, Map.of("cleanup.policy", Optional.of(appended)));

        assertThat(appended).isEqualTo("delete,compact");
        assertThat(TopicConfigs.appendOrSubtract(compacting, "cleanup.policy", "delete", false))
                .isEqualTo("compact");
    }

    @Test
    void shouldKeepKinesisStreamsWithinKinesisRetention() {
        StreamSettings infinite = TopicConfigs.forNewTopic(Map.of("retention.ms", "-1"));
        StreamSettings twoDays = TopicConfigs.forNewTopic(Map.of("retention.ms", "172800000"));

        assertThatThrownBy(() -> TopicConfigs.checkOrigin(StreamOrigin.KINESIS, infinite))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("8760 hours");
        assertThat(TopicConfigs.checkOrigin(StreamOrigin.KINESIS, twoDays)).isSameAs(twoDays);
        assertThat(TopicConfigs.checkOrigin(StreamOrigin.KAFKA, infinite)).isSameAs(infinite);
    }

    @Test
    void shouldKeepTheLimitsProfileInTheSettingsWithTheGatewayDefaultAsItsDefault() {
        // Given a gateway whose default profile is kinesis-provisioned
        StreamSettings created = TopicConfigs.forNewTopic(Map.of(), LimitsProfile.KINESIS_PROVISIONED);

        // Then the topic has it, listed as a default
        assertThat(created.limitsProfile()).isEqualTo("kinesis-provisioned");
        assertThat(TopicConfigs.describe(created))
                .contains(new TopicConfigs.Value(TopicConfigs.LIMITS_PROFILE, "kinesis-provisioned", true));

        // When set, then reset
        StreamSettings set = TopicConfigs.apply(
                created, Map.of(TopicConfigs.LIMITS_PROFILE, Optional.of("msk")), LimitsProfile.KINESIS_PROVISIONED);
        StreamSettings reset = TopicConfigs.apply(
                set, Map.of(TopicConfigs.LIMITS_PROFILE, Optional.empty()), LimitsProfile.KINESIS_ON_DEMAND);

        // Then
        assertThat(set.limitsProfile()).isEqualTo("msk");
        assertThat(TopicConfigs.value(set, TopicConfigs.LIMITS_PROFILE))
                .isEqualTo(new TopicConfigs.Value(TopicConfigs.LIMITS_PROFILE, "msk", false));
        assertThat(reset.limitsProfile()).isEqualTo("kinesis-on-demand");
        assertThatThrownBy(() -> TopicConfigs.apply(
                        created, Map.of(TopicConfigs.LIMITS_PROFILE, Optional.of("fast")), LimitsProfile.UNLIMITED))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("shardgate.limits.profile");
    }

    @Test
    void shouldListTheLimitsProfileOnlyWhenItIsNotADefaultUnlimitedSoThatTopicsListKafkasConfigs() {
        StreamSettings plain = TopicConfigs.forNewTopic(Map.of());

        assertThat(TopicConfigs.describe(plain))
                .extracting(TopicConfigs.Value::name)
                .doesNotContain(TopicConfigs.LIMITS_PROFILE);
        assertThat(TopicConfigs.describe(plain, true))
                .contains(new TopicConfigs.Value(TopicConfigs.LIMITS_PROFILE, "unlimited", true));
        assertThat(TopicConfigs.describe(TopicConfigs.forNewTopic(Map.of(TopicConfigs.LIMITS_PROFILE, "unlimited"))))
                .contains(new TopicConfigs.Value(TopicConfigs.LIMITS_PROFILE, "unlimited", false));
    }
}
