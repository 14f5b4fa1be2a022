package io.shardgate.kinesis.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/** Each constraint kind produces AWS's wording; several violations are counted and joined. */
class ValidationTest {

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(
                        (Consumer<Validation>) v -> v.required("streamName", null),
                        "Value null at 'streamName' failed to satisfy constraint: Member must not be null"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.string("streamName", "a b", 1, 128, Constraints.STREAM_NAME),
                        "Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular"
                                + " expression pattern: [a-zA-Z0-9_.-]+"),
                Arguments.of(
                        (Consumer<Validation>)
                                v -> v.string("streamName", "a".repeat(129), 1, 128, Constraints.STREAM_NAME),
                        "Value '" + "a".repeat(129) + "' at 'streamName' failed to satisfy constraint: Member must"
                                + " have length less than or equal to 128"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.string("partitionKey", "", 1, 256, null),
                        "Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater"
                                + " than or equal to 1"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.range("limit", 0, 1, 10_000),
                        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or"
                                + " equal to 1"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.range("limit", 10_001, 1, 10_000),
                        "Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or"
                                + " equal to 10000"),
                Arguments.of(
                        (Consumer<Validation>) v ->
                                v.range("warmThroughputMiBps", -1, Constraints.NATURAL_INTEGER_MIN, Integer.MAX_VALUE),
                        "Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value"
                                + " greater than or equal to 0"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.oneOf(
                                "minimumThroughputBillingCommitment.status",
                                "ENABLED_UNTIL_EARLIEST_ALLOWED_END",
                                Constraints.COMMITMENT_INPUT_STATUSES),
                        "Value 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' at 'minimumThroughputBillingCommitment.status'"
                                + " failed to satisfy constraint: Member must satisfy enum value set: [ENABLED,"
                                + " DISABLED]"),
                Arguments.of(
                        (Consumer<Validation>)
                                v -> v.oneOf("shardIteratorType", "FIRST", Constraints.SHARD_ITERATOR_TYPES),
                        "Value 'FIRST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum"
                                + " value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST,"
                                + " AT_TIMESTAMP]"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.blob("data", new byte[10_485_761], 0, Constraints.DATA_MAX_BYTES),
                        "Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]' at 'data' failed to satisfy"
                                + " constraint: Member must have length less than or equal to 10485760"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.maxLengthUnshown("records.2.member.data", 1_048_577, 1_048_576),
                        "Value at 'records.2.member.data' failed to satisfy constraint: Member must have length less"
                                + " than or equal to 1048576"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.size("records", List.of(), 1, 500),
                        "Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than"
                                + " or equal to 1"),
                Arguments.of(
                        (Consumer<Validation>) v -> v.hashKey("explicitHashKey", "01"),
                        "Value '01' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular"
                                + " expression pattern: 0|([1-9]\\d{0,38})"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("violations")
    void shouldWordTheViolationAsAwsWhenAConstraintFails(Consumer<Validation> check, String expected) {
        // Given
        Validation validation = new Validation();

        // When
        check.accept(validation);

        // Then
        assertThatThrownBy(validation::check)
                .isInstanceOfSatisfying(
                        KinesisException.class, e -> assertThat(e.error()).isEqualTo(KinesisError.VALIDATION))
                .hasMessage("1 validation error detected: " + expected);
    }

    @Test
    void shouldCountAndJoinTheViolationsWhenSeveralFail() {
        // Given
        Validation validation = new Validation();

        // When
        validation.string("streamName", "", 1, 128, Constraints.STREAM_NAME);
        validation.range("shardCount", 0, 1, 100_000);

        // Then pattern before length within a member, members in order
        assertThatThrownBy(validation::check)
                .hasMessage("3 validation errors detected: Value '' at 'streamName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'streamName'"
                        + " failed to satisfy constraint: Member must have length greater than or equal to 1; Value"
                        + " '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 1");
    }

    @Test
    void shouldPassWhenOptionalMembersAreAbsentOrValid() {
        // Given
        Validation validation = new Validation()
                .string("streamName", null, 1, 128, Constraints.STREAM_NAME)
                .string("streamARN", "arn:aws:kinesis:us-east-1:123456789012:stream/s", 1, 2048, Constraints.STREAM_ARN)
                .range("limit", null, 1, 10_000)
                .blob("data", new byte[Constraints.DATA_MAX_BYTES], 0, Constraints.DATA_MAX_BYTES)
                .hashKey("explicitHashKey", "340282366920938463463374607431768211455");

        // When / Then
        assertThat(validation.valid()).isTrue();
        assertThatCode(validation::check).doesNotThrowAnyException();
    }

    @Test
    void shouldCountPartitionKeyLengthInCharactersWhenTheKeyHasSurrogatePairs() {
        // Given 256 emoji: 512 UTF-16 units, 256 characters
        String key = "\uD83D\uDE00".repeat(256);

        // When / Then
        assertThat(new Validation().string("partitionKey", key, 1, 256, null).valid())
                .isTrue();
        assertThat(new Validation()
                        .string("partitionKey", key + "a", 1, 256, null)
                        .valid())
                .isFalse();
    }
}
