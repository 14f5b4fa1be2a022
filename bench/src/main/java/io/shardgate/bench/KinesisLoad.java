package io.shardgate.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A Kinesis load generator for bench/kinesis-bench.sh, on the AWS SDK for Java v2 sync client (Apache HTTP client,
 * HTTP/1.1): against any Kinesis endpoint (the gateway, kinesalite, kinesis-mock) it creates a stream and waits for
 * it to be ACTIVE, puts N records with PutRecords in batches of up to 500, then drains every shard from TRIM_HORIZON
 * with GetRecords and verifies every record.
 *
 * <p>Records: each is {@code --record-size} bytes, its first 8 bytes the record's number (0 … N−1, big-endian) and
 * the rest a slice of a fixed pseudo-random pool chosen by that number, so the reader can regenerate every byte; the
 * partition key is the number in decimal (MD5 spreads the records evenly over the shards, and every PutRecords call
 * holds records of every shard). Records that PutRecords reports as failed are sent again in the thread's next
 * call after a short backoff, as the KPL does, and counted. Calls the SDK itself retries (its default retry policy)
 * are counted as extra HTTP attempts.
 *
 * <p>Drain: one thread per shard, GetShardIterator TRIM_HORIZON, then GetRecords ({@code --get-limit}) following
 * NextShardIterator until the shard has returned every record PutRecords placed in it and one more call returns
 * nothing. Every record must be a record that was put, in the shard PutRecords named, with exactly its bytes and
 * partition key, sequence numbers increasing within the shard, and none twice; at the end none may be missing.
 *
 * <p>Protocol: {@code --protocol cbor} is the SDK's default; {@code json} sets the SDK's {@code aws.cborEnabled}
 * system property to false before the client is built (as the it module's KinesisSdkIT does). An interceptor checks
 * the Content-Type of every request and response, and a mismatch (a server answering JSON to CBOR) is reported.
 *
 * <p>With {@code --server-pid PID} it reads the server's CPU time (utime + stime of /proc/PID/stat, in clock ticks
 * of {@code --clk-tck}, default 100) just before and after each measured phase, and its own process CPU time (the
 * client's). Prints one line per phase and a final machine-readable line starting with {@code kinesis-load }
 * ({@code key=value} pairs, {@code check=ok} or {@code check=FAILED:…}); exits 0 when every record was read back
 * exactly once and intact, 1 otherwise, 2 for a bad command line.
 *
 * <pre>
 * KinesisLoad --endpoint URL --stream NAME [--shards N] [--records N] [--record-size BYTES] [--protocol cbor|json]
 *             [--threads N] [--batch N] [--get-limit N] [--warmup-records N] [--server-pid PID] [--clk-tck HZ]
 *             [--idle-timeout-ms MS]
 * </pre>
 */
public final class KinesisLoad {
    private static final int POOL_BYTES = 1 << 16;
    private static final int HEADER = Long.BYTES;

    private final Options options;
    private final KinesisClient client;
    private final ContentTypes contentTypes;
    private final byte[] pool;
    /** The phase under way, named in the failure line when a call throws. */
    private volatile String phase = "start";

    private KinesisLoad(Options options, KinesisClient client, ContentTypes contentTypes) {
        this.options = options;
        this.client = client;
        this.contentTypes = contentTypes;
        this.pool = new byte[POOL_BYTES + options.recordSize];
        new Random(20131202L).nextBytes(pool);
    }

    record Options(
            URI endpoint,
            String stream,
            int shards,
            long records,
            int recordSize,
            String protocol,
            int threads,
            int batch,
            int getLimit,
            long warmupRecords,
            long serverPid,
            int clkTck,
            long idleTimeoutMs) {
        Options {
            if (endpoint == null || stream == null || stream.isEmpty()) {
                throw new IllegalArgumentException("--endpoint and --stream are required");
            }
            if (shards < 1 || records < 1 || records > Integer.MAX_VALUE || threads < 1 || getLimit < 1) {
                throw new IllegalArgumentException("--shards, --records, --threads and --get-limit must be positive");
            }
            if (recordSize < HEADER || recordSize > 1 << 20) {
                throw new IllegalArgumentException("--record-size must be between 8 and 1048576");
            }
            if (batch < 1 || batch > 500) {
                throw new IllegalArgumentException("--batch must be between 1 and 500");
            }
            if (!protocol.equals("cbor") && !protocol.equals("json")) {
                throw new IllegalArgumentException("--protocol must be cbor or json");
            }
            if (warmupRecords < 0 || clkTck < 1 || idleTimeoutMs < 1) {
                throw new IllegalArgumentException("--warmup-records, --clk-tck, --idle-timeout-ms out of range");
            }
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (RuntimeException e) {
            System.err.println("KinesisLoad: " + e.getMessage());
            System.err.println("Usage: KinesisLoad --endpoint URL --stream NAME [--shards N] [--records N]"
                    + " [--record-size BYTES] [--protocol cbor|json] [--threads N] [--batch N] [--get-limit N]"
                    + " [--warmup-records N] [--server-pid PID] [--clk-tck HZ] [--idle-timeout-ms MS]");
            System.exit(2);
            return;
        }
        if (options.protocol.equals("json")) {
            // Read by the SDK's protocol factory; must be set before the client is built.
            System.setProperty("aws.cborEnabled", "false");
        }
        ContentTypes contentTypes = new ContentTypes(
                options.protocol.equals("json") ? "application/x-amz-json-1.1" : "application/x-amz-cbor-1.1");
        int exit;
        KinesisLoad load = null;
        try (KinesisClient client = KinesisClient.builder()
                .endpointOverride(options.endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(ApacheHttpClient.builder()
                        .maxConnections(Math.max(options.threads, options.shards) + 2)
                        .socketTimeout(Duration.ofSeconds(120))
                        .build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(contentTypes))
                .build()) {
            load = new KinesisLoad(options, client, contentTypes);
            exit = load.run(System.out);
        } catch (Exception e) {
            Throwable cause =
                    e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.out.println(
                    "kinesis-load check=FAILED:" + (load == null ? "start" : load.phase) + ":_" + oneLine(cause));
            e.printStackTrace(System.err);
            exit = 1;
        }
        System.exit(exit);
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        int shards = Integer.parseInt(values.getOrDefault("shards", "1"));
        Options options = new Options(
                values.containsKey("endpoint") ? URI.create(values.remove("endpoint")) : null,
                values.remove("stream"),
                shards,
                Long.parseLong(values.getOrDefault("records", "100000")),
                Integer.parseInt(values.getOrDefault("record-size", "1024")),
                values.getOrDefault("protocol", "cbor"),
                Integer.parseInt(values.getOrDefault("threads", Integer.toString(shards))),
                Integer.parseInt(values.getOrDefault("batch", "500")),
                Integer.parseInt(values.getOrDefault("get-limit", "10000")),
                Long.parseLong(values.getOrDefault("warmup-records", "0")),
                Long.parseLong(values.getOrDefault("server-pid", "0")),
                Integer.parseInt(values.getOrDefault("clk-tck", "100")),
                Long.parseLong(values.getOrDefault("idle-timeout-ms", "30000")));
        for (String known : List.of(
                "shards",
                "records",
                "record-size",
                "protocol",
                "threads",
                "batch",
                "get-limit",
                "warmup-records",
                "server-pid",
                "clk-tck",
                "idle-timeout-ms")) {
            values.remove(known);
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + values.keySet());
        }
        return options;
    }

    /** The results of one phase. */
    record PhaseResult(
            String name,
            long records,
            long nanos,
            long calls,
            long[] sortedLatencies,
            long serverTicks,
            long clientCpuNanos,
            String extra) {
        double recordsPerSecond() {
            return records * 1e9 / nanos;
        }

        double percentileMs(double percent) {
            return LatencyRecorder.percentile(sortedLatencies, percent) / 1e6;
        }

        /** Server CPU µs per record, or NaN without a server pid. */
        double serverMicrosPerRecord(int clkTck) {
            return serverTicks < 0 ? Double.NaN : serverTicks * 1e6 / clkTck / records;
        }

        double clientMicrosPerRecord() {
            return clientCpuNanos / 1e3 / records;
        }
    }

    /** The state a put leaves for its drain: where each record went. */
    static final class Placement {
        final Map<String, Integer> shardIndex = new ConcurrentHashMap<>();
        final List<String> shardIds = new ArrayList<>();
        final int[] shardOf; // record number -> index into shardIds
        final AtomicLong[] perShard;

        Placement(List<Shard> shards, int records) {
            for (Shard shard : shards) {
                shardIndex.put(shard.shardId(), shardIds.size());
                shardIds.add(shard.shardId());
            }
            shardOf = new int[records];
            perShard = new AtomicLong[shardIds.size()];
            for (int i = 0; i < perShard.length; i++) {
                perShard[i] = new AtomicLong();
            }
        }
    }

    int run(PrintStream out) throws Exception {
        List<String> problems = new ArrayList<>();
        if (options.warmupRecords > 0) {
            // Outside the measured phases: lets both JVMs (client and, for the gateway, server) compile their hot
            // paths, on a stream of its own that is deleted afterwards.
            String warm = options.stream + "-warmup";
            create(warm);
            Placement placement = new Placement(listShards(warm), (int) options.warmupRecords);
            put(warm, options.warmupRecords, placement, "warmup-put");
            List<String> warmProblems = new ArrayList<>();
            drain(warm, options.warmupRecords, placement, "warmup-drain", warmProblems);
            if (!warmProblems.isEmpty()) {
                problems.add("warm-up: " + warmProblems.get(0));
            }
            client.deleteStream(b -> b.streamName(warm));
            out.printf(Locale.ROOT, "warm-up: %d records put and read back on %s%n", options.warmupRecords, warm);
        }

        long t0 = System.nanoTime();
        create(options.stream);
        long createMs = (System.nanoTime() - t0) / 1_000_000;
        List<Shard> shards = listShards(options.stream);
        if (shards.size() != options.shards) {
            problems.add(shards.size() + " shards listed, not " + options.shards);
        }
        out.printf(
                Locale.ROOT,
                "create: %s with %d shard(s) ACTIVE after %d ms%n",
                options.stream,
                shards.size(),
                createMs);

        Placement placement = new Placement(shards, (int) options.records);
        PhaseResult put = put(options.stream, options.records, placement, "put");
        print(out, put);
        PhaseResult drain = drain(options.stream, options.records, placement, "drain", problems);
        print(out, drain);
        problems.addAll(contentTypes.problems());

        String check = problems.isEmpty()
                ? "ok"
                : "FAILED:" + String.join("; ", problems).replace(' ', '_');
        StringBuilder summary = new StringBuilder("kinesis-load");
        summary.append(" protocol=").append(options.protocol);
        summary.append(" shards=").append(shards.size());
        summary.append(" records=").append(options.records);
        summary.append(" record_size=").append(options.recordSize);
        summary.append(" create_ms=").append(createMs);
        for (PhaseResult phase : List.of(put, drain)) {
            String p = phase.name;
            summary.append(String.format(
                    Locale.ROOT,
                    " %s_rps=%.1f %s_p50_ms=%.3f %s_p99_ms=%.3f %s_calls=%d %s_server_ticks=%d"
                            + " %s_server_us_per_record=%.3f %s_client_us_per_record=%.3f",
                    p,
                    phase.recordsPerSecond(),
                    p,
                    phase.percentileMs(50),
                    p,
                    phase.percentileMs(99),
                    p,
                    phase.calls,
                    p,
                    phase.serverTicks,
                    p,
                    phase.serverMicrosPerRecord(options.clkTck),
                    p,
                    phase.clientMicrosPerRecord()));
            summary.append(' ').append(phase.extra);
        }
        summary.append(" http_attempts=").append(contentTypes.attempts.get());
        summary.append(" check=").append(check);
        out.println(summary);
        for (String problem : problems) {
            System.err.println("KinesisLoad: " + problem);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private void print(PrintStream out, PhaseResult phase) {
        out.printf(
                Locale.ROOT,
                "%s: %d records in %.2f s, %.0f records/s, %d calls, p50 %.2f ms, p99 %.2f ms per call,"
                        + " server CPU %.2f µs/record, client CPU %.2f µs/record, %s%n",
                phase.name,
                phase.records,
                phase.nanos / 1e9,
                phase.recordsPerSecond(),
                phase.calls,
                phase.percentileMs(50),
                phase.percentileMs(99),
                phase.serverMicrosPerRecord(options.clkTck),
                phase.clientMicrosPerRecord(),
                phase.extra);
    }

    private void create(String stream) throws InterruptedException {
        phase = "create " + stream;
        client.createStream(b -> b.streamName(stream).shardCount(options.shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.describeStreamSummary(b -> b.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " not ACTIVE after 60 s");
            }
            Thread.sleep(20);
        }
    }

    private List<Shard> listShards(String stream) {
        // DescribeStream (a stream of at most a few shards fits in one page on every server).
        return client.describeStream(b -> b.streamName(stream))
                .streamDescription()
                .shards();
    }

    private byte[] recordBytes(int number) {
        byte[] data = new byte[options.recordSize];
        ByteBuffer.wrap(data).putLong(number);
        System.arraycopy(pool, poolOffset(number), data, HEADER, options.recordSize - HEADER);
        return data;
    }

    private static int poolOffset(int number) {
        return (int) ((number * 8191L) % POOL_BYTES);
    }

    private PhaseResult put(String stream, long records, Placement placement, String name) throws Exception {
        phase = name + " (PutRecords)";
        AtomicLong next = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        List<LatencyRecorder> latencies = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        long ticks0 = serverTicks();
        long cpu0 = clientCpuNanos();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads);
        try {
            for (int t = 0; t < options.threads; t++) {
                LatencyRecorder latency = new LatencyRecorder();
                latencies.add(latency);
                futures.add(pool.submit(() -> {
                    putLoop(stream, records, placement, next, calls, retried, latency);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - t0;
        long ticks = serverTicks() - ticks0;
        long cpu = clientCpuNanos() - cpu0;
        StringBuilder perShard = new StringBuilder();
        for (AtomicLong n : placement.perShard) {
            perShard.append(perShard.length() == 0 ? "" : ",").append(n.get());
        }
        return new PhaseResult(
                name,
                records,
                nanos,
                calls.get(),
                LatencyRecorder.sorted(latencies),
                ticks0 < 0 ? -1 : ticks,
                cpu,
                name + "_retried_records=" + retried.get() + " " + name + "_per_shard=" + perShard);
    }

    private void putLoop(
            String stream,
            long records,
            Placement placement,
            AtomicLong next,
            AtomicLong calls,
            AtomicLong retried,
            LatencyRecorder latency)
            throws InterruptedException {
        List<Integer> pending = new ArrayList<>();
        int failedRounds = 0;
        while (true) {
            int room = options.batch - pending.size();
            if (room > 0) {
                long from = next.getAndAdd(room);
                for (long n = from; n < Math.min(records, from + room); n++) {
                    pending.add((int) n);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>(pending.size());
            for (int number : pending) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(Integer.toString(number))
                        .data(SdkBytes.fromByteArrayUnsafe(recordBytes(number)))
                        .build());
            }
            long start = System.nanoTime();
            PutRecordsResponse response =
                    client.putRecords(b -> b.streamName(stream).records(entries));
            latency.record(System.nanoTime() - start);
            calls.incrementAndGet();
            List<PutRecordsResultEntry> results = response.records();
            if (results.size() != pending.size()) {
                throw new IllegalStateException(
                        "PutRecords answered " + results.size() + " results for " + pending.size() + " records");
            }
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                PutRecordsResultEntry result = results.get(i);
                int number = pending.get(i);
                if (result.errorCode() != null) {
                    failed.add(number);
                    continue;
                }
                Integer shard = placement.shardIndex.get(result.shardId());
                if (shard == null) {
                    throw new IllegalStateException(
                            "PutRecords placed record " + number + " in unknown shard " + result.shardId());
                }
                placement.shardOf[number] = shard;
                placement.perShard[shard].incrementAndGet();
            }
            pending = failed;
            if (!failed.isEmpty()) {
                retried.addAndGet(failed.size());
                if (++failedRounds > 50) {
                    throw new IllegalStateException(failed.size() + " records still failing after 50 PutRecords");
                }
                // The KPL's way: back off, then send the failed records again ahead of new ones.
                Thread.sleep(Math.min(1000, 10L << Math.min(6, failedRounds)));
            } else {
                failedRounds = 0;
            }
        }
    }

    private PhaseResult drain(String stream, long records, Placement placement, String name, List<String> problems)
            throws Exception {
        phase = name + " (GetShardIterator, GetRecords)";
        AtomicIntegerArray seen = new AtomicIntegerArray((int) records);
        AtomicLong calls = new AtomicLong();
        AtomicLong read = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
        List<LatencyRecorder> latencies = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        long ticks0 = serverTicks();
        long cpu0 = clientCpuNanos();
        long t0 = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(placement.shardIds.size());
        try {
            for (int s = 0; s < placement.shardIds.size(); s++) {
                int shard = s;
                LatencyRecorder latency = new LatencyRecorder();
                latencies.add(latency);
                futures.add(executor.submit(() -> {
                    drainShard(stream, shard, placement, seen, calls, read, throttled, latency, found);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }
        long nanos = System.nanoTime() - t0;
        long ticks = serverTicks() - ticks0;
        long cpu = clientCpuNanos() - cpu0;
        long missing = 0;
        for (int i = 0; i < seen.length(); i++) {
            if (seen.get(i) == 0) {
                missing++;
            }
        }
        if (missing > 0) {
            found.add(missing + " of " + records + " records never read");
        }
        problems.addAll(found.subList(0, Math.min(found.size(), 5)));
        return new PhaseResult(
                name,
                records,
                nanos,
                calls.get(),
                LatencyRecorder.sorted(latencies),
                ticks0 < 0 ? -1 : ticks,
                cpu,
                name + "_read=" + read.get() + " " + name + "_missing=" + missing + " " + name + "_throttled="
                        + throttled.get());
    }

    private void drainShard(
            String stream,
            int shard,
            Placement placement,
            AtomicIntegerArray seen,
            AtomicLong calls,
            AtomicLong read,
            AtomicLong throttled,
            LatencyRecorder latency,
            List<String> problems)
            throws InterruptedException {
        String shardId = placement.shardIds.get(shard);
        long expected = placement.perShard[shard].get();
        String iterator = client.getShardIterator(
                        b -> b.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        long got = 0;
        String lastSequence = null;
        long lastProgress = System.nanoTime();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response;
            long start = System.nanoTime();
            try {
                response = client.getRecords(b -> b.shardIterator(current).limit(options.getLimit));
            } catch (ProvisionedThroughputExceededException e) {
                throttled.incrementAndGet();
                Thread.sleep(200);
                continue;
            } catch (ExpiredIteratorException e) {
                String after = lastSequence;
                iterator = client.getShardIterator(b -> {
                            b.streamName(stream).shardId(shardId);
                            if (after == null) {
                                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                            } else {
                                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                        .startingSequenceNumber(after);
                            }
                        })
                        .shardIterator();
                continue;
            }
            latency.record(System.nanoTime() - start);
            calls.incrementAndGet();
            List<Record> batch = response.records();
            for (Record record : batch) {
                String problem = verify(record, shard, placement, seen, lastSequence);
                if (problem != null && problems.size() < 20) {
                    problems.add(shardId + ": " + problem);
                }
                lastSequence = record.sequenceNumber();
            }
            got += batch.size();
            read.addAndGet(batch.size());
            iterator = response.nextShardIterator();
            long now = System.nanoTime();
            if (!batch.isEmpty()) {
                lastProgress = now;
            } else if (got >= expected) {
                return; // caught up: everything put into this shard, then an empty answer
            } else if (now - lastProgress > options.idleTimeoutMs * 1_000_000L) {
                problems.add(shardId + ": " + got + " of " + expected + " records, then nothing for "
                        + options.idleTimeoutMs + " ms");
                return;
            }
        }
        if (got < expected) {
            problems.add(shardId + ": the shard ended after " + got + " of " + expected + " records");
        }
    }

    private String verify(Record record, int shard, Placement placement, AtomicIntegerArray seen, String previous) {
        byte[] data = record.data().asByteArrayUnsafe();
        if (data.length != options.recordSize) {
            return "a record of " + data.length + " bytes";
        }
        long number = ByteBuffer.wrap(data).getLong();
        if (number < 0 || number >= seen.length()) {
            return "a record numbered " + number;
        }
        int n = (int) number;
        int offset = poolOffset(n);
        if (!java.util.Arrays.equals(data, HEADER, data.length, pool, offset, offset + data.length - HEADER)) {
            return "record " + n + " has other bytes than were put";
        }
        if (!Integer.toString(n).equals(record.partitionKey())) {
            return "record " + n + " has partition key " + record.partitionKey();
        }
        if (seen.getAndIncrement(n) != 0) {
            return "record " + n + " read twice";
        }
        if (placement.shardOf[n] != shard) {
            return "record " + n + " read here but PutRecords placed it in "
                    + placement.shardIds.get(placement.shardOf[n]);
        }
        if (previous != null && compareSequence(previous, record.sequenceNumber()) >= 0) {
            return "sequence number " + record.sequenceNumber() + " after " + previous;
        }
        return null;
    }

    /** Compares two decimal sequence numbers without BigInteger. */
    static int compareSequence(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** utime + stime of the server process in clock ticks, or -1 without a server pid. */
    private long serverTicks() {
        if (options.serverPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(options.serverPid), "stat"));
            // Fields after the command name (which may hold spaces) in parentheses: state is field 3, utime 14.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /proc/" + options.serverPid + "/stat: " + e, e);
        }
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String oneLine(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replaceAll("\\s+", "_");
    }

    /** Counts HTTP attempts and checks the Content-Type of every request and response. */
    static final class ContentTypes implements ExecutionInterceptor {
        final String expected;
        final AtomicLong attempts = new AtomicLong();
        final Map<String, Long> wrong = new ConcurrentHashMap<>();

        ContentTypes(String expected) {
            this.expected = expected;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attempts.incrementAndGet();
            String sent =
                    context.httpRequest().firstMatchingHeader("Content-Type").orElse("none");
            if (!sent.startsWith(expected)) {
                wrong.merge("sent " + sent, 1L, Long::sum);
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            String received =
                    context.httpResponse().firstMatchingHeader("Content-Type").orElse("none");
            if (!received.startsWith(expected)) {
                wrong.merge("received " + received, 1L, Long::sum);
            }
        }

        List<String> problems() {
            List<String> list = new ArrayList<>();
            wrong.forEach((what, count) -> list.add(count + " HTTP messages " + what + " instead of " + expected));
            return list;
        }
    }
}
