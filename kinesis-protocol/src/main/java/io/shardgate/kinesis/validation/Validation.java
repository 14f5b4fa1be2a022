package io.shardgate.kinesis.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/**
 * Collects the constraint violations of one request, as service-2.json states the constraints, and reports them all
 * in one {@code ValidationException} worded as AWS words it:
 *
 * <pre>
 * 2 validation errors detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null;
 * Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1
 * </pre>
 *
 * Members are named by their path in lower camel case ({@code records.1.member.partitionKey}, 1-based); a member is
 * any object whose {@code toString()} is its path ({@link #member}). Within a
 * member the constraints are checked in AWS's order: not null, minimum value, maximum value, pattern, minimum
 * length, maximum length, enum. Not thread-safe; one instance per request.
 */
public final class Validation {

    private final List<String> violations = new ArrayList<>();

    /** A required member. Returns whether it is present, so that callers skip its other checks. */
    public boolean required(Object member, Object value) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            return false;
        }
        return true;
    }

    /** A string member with a length range (in characters) and, when not null, a pattern. Null passes. */
    public Validation string(Object member, String value, int minLength, int maxLength, Pattern pattern) {
        if (value == null) {
            return this;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            violation(member, quote(value), "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        lengths(member, () -> quote(value), value.codePointCount(0, value.length()), minLength, maxLength);
        return this;
    }

    /** A blob member with a length range in bytes. Null passes. AWS shows blobs as the Java buffer that held them. */
    public Validation blob(Object member, byte[] value, int minLength, int maxLength) {
        if (value == null) {
            return this;
        }
        lengths(
                member,
                () -> "'java.nio.HeapByteBuffer[pos=0 lim=" + value.length + " cap=" + value.length + "]'",
                value.length,
                minLength,
                maxLength);
        return this;
    }

    /**
     * A length bound checked where AWS does not show the value (the stream's maximum record size, checked after the
     * stream is found): {@code Value at 'data' failed to satisfy constraint: Member must have length less than or
     * equal to 1048576}.
     */
    public Validation maxLengthUnshown(Object member, long length, long max) {
        if (length > max) {
            violations.add("Value at '" + member + "' failed to satisfy constraint: Member must have length less than"
                    + " or equal to " + max);
        }
        return this;
    }

    /** An integer member with an inclusive range. Null passes. */
    public Validation range(Object member, Integer value, long min, long max) {
        if (value == null) {
            return this;
        }
        if (value < min) {
            violation(member, quote(value), "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            violation(member, quote(value), "Member must have value less than or equal to " + max);
        }
        return this;
    }

    /** A string member that must be one of {@code values}. Null passes. */
    public Validation oneOf(Object member, String value, Collection<String> values) {
        if (value != null && !values.contains(value)) {
            violation(member, quote(value), "Member must satisfy enum value set: " + values);
        }
        return this;
    }

    /** A list member with a size range. Null passes. */
    public Validation size(Object member, Collection<?> value, int min, int max) {
        if (value == null) {
            return this;
        }
        lengths(member, () -> quote(value), value.size(), min, max);
        return this;
    }

    /** A map member with a size range. Null passes. */
    public Validation size(Object member, Map<?, ?> value, int min, int max) {
        if (value == null) {
            return this;
        }
        lengths(member, () -> quote(value), value.size(), min, max);
        return this;
    }

    /** A hash key member ({@code 0|([1-9]\d{0,38})}). Null passes. */
    public Validation hashKey(Object member, String value) {
        return string(member, value, 0, Integer.MAX_VALUE, Constraints.HASH_KEY);
    }

    /**
     * The member {@code prefix + index + suffix} (e.g. {@code records.7.member.data}), put together only if a
     * violation names it: the members of a long list cost nothing while they are valid.
     */
    public static Object member(String prefix, int index, String suffix) {
        return new IndexedMember(prefix, index, suffix);
    }

    private record IndexedMember(String prefix, int index, String suffix) {
        @Override
        public String toString() {
            return prefix + index + suffix;
        }
    }

    /** Whether nothing was violated so far. */
    public boolean valid() {
        return violations.isEmpty();
    }

    /**
     * Throws the {@code ValidationException} listing every violation, if there is any.
     *
     * @throws KinesisException {@code ValidationException}
     */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        int count = violations.size();
        String head = count == 1 ? "1 validation error detected: " : count + " validation errors detected: ";
        throw new KinesisException(KinesisError.VALIDATION, head + String.join("; ", violations));
    }

    private void lengths(Object member, Supplier<String> shown, long length, int min, int max) {
        if (length < min) {
            violation(member, shown.get(), "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            violation(member, shown.get(), "Member must have length less than or equal to " + max);
        }
    }

    private void violation(Object member, String shown, String constraint) {
        violations.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    private static String quote(Object value) {
        return "'" + value + "'";
    }
}
