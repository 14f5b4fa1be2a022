package io.shardgate.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;

import io.shardgate.kinesis.codec.WireFormat;
import io.shardgate.kinesis.http.KinesisDispatcher;
import io.shardgate.kinesis.http.KinesisResponses;
import io.shardgate.kinesis.mapping.HashKeyRouter;
import io.shardgate.kinesis.mapping.KinesisRecords;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.model.GetRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsInput;
import io.shardgate.kinesis.model.PutRecordsOutput;
import io.shardgate.kinesis.model.PutRecordsRequestEntry;
import io.shardgate.kinesis.model.PutRecordsResultEntry;
import io.shardgate.kinesis.model.Record;

/**
 * The CPU the Kinesis listener spends per record in each step of its hot paths, measured in-process on one thread
 * once the JIT has compiled them (issue 6's benchmark measures the whole server; this splits it): decoding a
 * PutRecords body of 500 records (with Jackson alone, and as the listener does, ADR 0021), routing and building their Kafka batch, printing their sequence numbers, encoding
 * the PutRecords answer, and encoding a GetRecords answer of 10,000 records. Records are 1 KiB with random partition
 * keys, as {@code KinesisLoad} sends them. Each step runs in rounds; the first rounds are warm-up, then each round
 * prints the thread's CPU time per record (user and system). Run it without the JaCoCo agent (benchmarks.md).
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" io.shardgate.bench.KinesisCodecCost [json|cbor] [rounds]</pre>
 */
public final class KinesisCodecCost {
    private static final int PUT_BATCH = 500;
    private static final int GET_BATCH = 10_000;
    private static final int RECORD_SIZE = 1024;
    private static final int WARMUP_ROUNDS = 20;

    private KinesisCodecCost() {}

    /** One measured step: runs once over a batch and returns something derived from the result (kept live). */
    private interface Step {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        WireFormat format = args.length > 0 ? WireFormat.valueOf(args[0].toUpperCase(Locale.ROOT)) : WireFormat.JSON;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Random random = new Random(42);
        List<PutRecordsRequestEntry> entries = new ArrayList<>(PUT_BATCH);
        for (int i = 0; i < PUT_BATCH; i++) {
            byte[] data = new byte[RECORD_SIZE];
            random.nextBytes(data);
            entries.add(new PutRecordsRequestEntry(data, null, Long.toString(random.nextLong() & Long.MAX_VALUE)));
        }
        byte[] putBody = format.mapper().writeValueAsBytes(new PutRecordsInput(entries, "bench", null, null));
        SequenceNumbers.Encoder sequenceNumbers = SequenceNumbers.encoder(3, 1_700_000_000_000L);
        List<PutRecordsResultEntry> results = new ArrayList<>(PUT_BATCH);
        for (int i = 0; i < PUT_BATCH; i++) {
            results.add(new PutRecordsResultEntry(
                    sequenceNumbers.encode(1_000_000L + i), SequenceNumbers.shardId(3), null, null));
        }
        PutRecordsOutput putOutput = new PutRecordsOutput(0, results, null);
        List<Record> records = new ArrayList<>(GET_BATCH);
        Instant arrival = Instant.ofEpochMilli(1_700_000_123_456L);
        for (int i = 0; i < GET_BATCH; i++) {
            PutRecordsRequestEntry entry = entries.get(i % PUT_BATCH);
            records.add(new Record(
                    sequenceNumbers.encode(2_000_000L + i),
                    arrival,
                    ByteBuffer.wrap(entry.data()),
                    entry.partitionKey(),
                    null));
        }
        GetRecordsOutput getOutput = new GetRecordsOutput(records, "AAAAAAAAAAE=", 0L, null);
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        ByteBuf putRequest = Unpooled.wrappedBuffer(putBody);

        System.out.printf(Locale.ROOT, "format %s, %d-byte records, CPU µs per record%n", format, RECORD_SIZE);
        measure("decode PutRecords body, Jackson", PUT_BATCH, rounds, () -> {
            try (InputStream in = new ByteBufInputStream(putRequest.duplicate())) {
                return format.mapper()
                        .readValue(in, PutRecordsInput.class)
                        .records()
                        .size();
            }
        });
        measure("decode PutRecords body, listener", PUT_BATCH, rounds, () -> KinesisDispatcher.decode(
                        PutRecordsInput.class, format, putRequest.duplicate())
                .records()
                .size());
        measure("route and build the Kafka batch", PUT_BATCH, rounds, () -> {
            List<KinesisRecords.Outgoing> outgoing = new ArrayList<>(PUT_BATCH);
            long sum = 0;
            for (PutRecordsRequestEntry entry : entries) {
                sum += HashKeyRouter.hashKey(entry.partitionKey()).bitLength();
                outgoing.add(new KinesisRecords.Outgoing(entry.partitionKey(), entry.data(), null));
            }
            return sum + KinesisRecords.batch(outgoing, 1_700_000_000_000L).remaining();
        });
        measure("print sequence numbers", PUT_BATCH, rounds, () -> {
            SequenceNumbers.Encoder encoder = SequenceNumbers.encoder(3, 1_700_000_000_000L);
            long sum = 0;
            for (int i = 0; i < PUT_BATCH; i++) {
                sum += encoder.encode(5_000_000L + i).length();
            }
            return sum;
        });
        measure("encode PutRecords answer", PUT_BATCH, rounds, () -> encode(alloc, format, putOutput));
        measure("encode GetRecords answer", GET_BATCH, rounds, () -> encode(alloc, format, getOutput));
    }

    private static long encode(ByteBufAllocator alloc, WireFormat format, Object output) throws Exception {
        FullHttpResponse response = KinesisResponses.ok(alloc, format, output, "request");
        try {
            return response.content().readableBytes();
        } finally {
            response.release();
        }
    }

    private static void measure(String name, int recordsPerRun, int rounds, Step step) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long runs = Math.max(1, 2_000_000 / recordsPerRun);
        long sink = 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", name));
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (long run = 0; run < runs; run++) {
                sink += step.run();
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (round >= WARMUP_ROUNDS) {
                line.append(String.format(Locale.ROOT, " %6.3f", cpu / 1000.0 / (runs * recordsPerRun)));
            }
        }
        System.out.println(line + (sink == 42 ? " " : ""));
    }
}
