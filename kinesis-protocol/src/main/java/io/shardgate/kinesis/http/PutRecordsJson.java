package io.shardgate.kinesis.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;

/**
 * A fast path for the one hot JSON request body, PutRecords (ADR 0021). Jackson turns every record's base64 text
 * into characters and a {@code String} before the JDK decodes it, about half of the CPU a JSON PutRecords costs to
 * decode; here the text is found with a word-at-a-time search for its closing quote and decoded by the JDK straight
 * from the body's bytes.
 *
 * <p>It takes only the plain shape the SDKs send: the members {@code Records} (objects with {@code Data},
 * {@code PartitionKey}, {@code ExplicitHashKey}), {@code StreamName}, {@code StreamARN} and {@code DryRun}, each at
 * most once, strings of printable ASCII without escapes, base64 that the JDK takes as padded base64, {@code true} or
 * {@code false}, JSON whitespace. Anything else (another member, {@code null}, a number, an escape, a non-ASCII byte,
 * a repeated member, trailing bytes, a syntax error) makes it decline, and the body goes to Jackson as before, which
 * accepts or refuses it with its own error. So what it accepts, Jackson reads to the same input.
 */
final class PutRecordsJson {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';

    private final byte[] in;
    private int at;

    private PutRecordsJson(byte[] in) {
        this.in = in;
    }

    /** The input {@code body} holds, or null when the fast path declines it (Jackson then decides). */
    static PutRecordsInput parse(byte[] body) {
        try {
            return new PutRecordsJson(body).input();
        } catch (Decline | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Thrown to give the body to Jackson; carries no stack trace. */
    private static final class Decline extends RuntimeException {
        private static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    private PutRecordsInput input() {
        List<PutRecordsRequestEntry> records = null;
        String streamName = null;
        String streamArn = null;
        Boolean dryRun = null;
        expect('{');
        do {
            String name = string();
            expect(':');
            switch (name) {
                case "Records" -> records = once(records, records());
                case "StreamName" -> streamName = once(streamName, string());
                case "StreamARN" -> streamArn = once(streamArn, string());
                case "DryRun" -> dryRun = once(dryRun, bool());
                default -> throw Decline.INSTANCE;
            }
        } while (next(','));
        expect('}');
        skipWhitespace();
        if (at != in.length) {
            throw Decline.INSTANCE;
        }
        return new PutRecordsInput(records, streamName, streamArn, dryRun);
    }

    private List<PutRecordsRequestEntry> records() {
        expect('[');
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        if (next(']')) {
            return records;
        }
        do {
            records.add(entry());
        } while (next(','));
        expect(']');
        return records;
    }

    private PutRecordsRequestEntry entry() {
        byte[] data = null;
        String partitionKey = null;
        String explicitHashKey = null;
        expect('{');
        do {
            String name = string();
            expect(':');
            switch (name) {
                case "Data" -> data = once(data, blob());
                case "PartitionKey" -> partitionKey = once(partitionKey, string());
                case "ExplicitHashKey" -> explicitHashKey = once(explicitHashKey, string());
                default -> throw Decline.INSTANCE;
            }
        } while (next(','));
        expect('}');
        return new PutRecordsRequestEntry(data, explicitHashKey, partitionKey);
    }

    private static <T> T once(T before, T value) {
        if (before != null) {
            throw Decline.INSTANCE;
        }
        return value;
    }

    /** A string of printable ASCII without escapes, as a {@code String}. */
    private String string() {
        expect('"');
        int start = at;
        int b;
        while ((b = in[at]) != '"') {
            if (b < 0x20 || b > 0x7e || b == '\\') {
                throw Decline.INSTANCE;
            }
            at++;
        }
        at++;
        return new String(in, start, at - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Base64 text decoded by the JDK. The alphabet has no quote, so the first quote ends the text; an escape or any
     * byte outside the alphabet makes the JDK refuse it. Text whose length is not a multiple of 4 (unpadded) declines,
     * as {@code JsonBlobs} gives it to Jackson.
     */
    private byte[] blob() {
        expect('"');
        int start = at;
        int end = quote(start);
        at = end + 1;
        int length = end - start;
        if (length % 4 != 0) {
            throw Decline.INSTANCE;
        }
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(in, start, length));
        if (decoded.arrayOffset() == 0 && decoded.array().length == decoded.remaining()) {
            return decoded.array();
        }
        byte[] data = new byte[decoded.remaining()];
        decoded.get(data);
        return data;
    }

    /** The index of the first quote at or after {@code from}, eight bytes at a time. */
    private int quote(int from) {
        int i = from;
        for (; i + Long.BYTES <= in.length; i += Long.BYTES) {
            long word = (long) LONGS.get(in, i) ^ QUOTES;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + Long.numberOfTrailingZeros(found) / Byte.SIZE;
            }
        }
        while (in[i] != '"') {
            i++;
        }
        return i;
    }

    private Boolean bool() {
        skipWhitespace();
        if (literal("true")) {
            return Boolean.TRUE;
        }
        if (literal("false")) {
            return Boolean.FALSE;
        }
        throw Decline.INSTANCE;
    }

    private boolean literal(String word) {
        if (at + word.length() > in.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    /** Skips whitespace, then takes {@code c} if it is next. */
    private boolean next(char c) {
        skipWhitespace();
        if (at < in.length && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw Decline.INSTANCE;
        }
    }

    private void skipWhitespace() {
        while (at < in.length) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }
}
