package io.shardgate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;

import io.shardgate.store.NewStream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.lmdb.Durability;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The storage benchmark: appends real Kafka v2 record batches to the LMDB shard store and reads them back, for
 * every combination of durability, batch size, shard count and appender count (each filterable on the command
 * line), and prints one Markdown table row per combination. Each row opens a fresh store in a new temporary
 * directory, runs a warm-up, a timed phase and a read-back, then deletes the directory. See docs/benchmarks.md,
 * section "Store", for the columns.
 */
public final class StoreBench {
    private static final String STREAM = "bench";
    private static final double MB = 1e6;
    private static final double MIB = 1024.0 * 1024;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final String[] COLUMNS = {
        "durability",
        "batch",
        "shards",
        "appenders",
        "appends/s",
        "MB/s",
        "MiB/s",
        "vs raw",
        "p50 ms",
        "p99 ms",
        "CPU s/GiB",
        "appends/txn",
        "commit %",
        "map grows",
        "read MB/s",
        "read check",
        "load"
    };

    /** The reference: MB/s of a plain sequential write of batches to a new file, measured at the start. */
    private static double rawMbPerSecond;

    private static final long COLD_PAUSE_MS = 15_000;

    /** The running row's data directory, deleted by a shutdown hook if the run is interrupted. */
    private static volatile Path currentDir;

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        StoreBenchOptions options;
        try {
            options = StoreBenchOptions.parse(args);
        } catch (StoreBenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("store-bench: " + e.getMessage());
            }
            (e.getMessage() == null ? System.out : System.err).print(StoreBenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(StoreBench::deleteCurrentDir, "bench-cleanup"));
        PrintStream out = System.out;
        printEnvironment(out, options, args);
        rawMbPerSecond = rawWrite(options);
        out.printf(
                "- reference, raw write: %,.1f MB/s (256 KiB batches written back to back to a new file with"
                        + " FileChannel.write, one thread, no store; `vs raw` = the row's MB/s / this)%n%n",
                rawMbPerSecond);
        out.println(row(COLUMNS));
        out.println(separator(COLUMNS));
        boolean allVerified = true;
        for (Durability durability : options.durabilities()) {
            for (int kib : options.batchKib()) {
                for (int shards : options.shards()) {
                    for (int appenders : options.appenders()) {
                        Row row = new Row(durability, kib, shards, appenders);
                        Result result = runRow(options, row);
                        allVerified &= result.verified();
                        out.println(row(result.cells()));
                        out.flush();
                    }
                }
            }
        }
        if (!allVerified) {
            System.err.println("store-bench: a read-back did not return what was appended");
            System.exit(1);
        }
    }

    /** One combination of the matrix. */
    record Row(Durability durability, int batchKib, int shards, int appenders) {}

    /** A printed row and whether its read-back (if any) matched what was appended. */
    record Result(String[] cells, boolean verified) {}

    private static Result runRow(StoreBenchOptions options, Row row) throws Exception {
        int recordsPerBatch = options.recordsPerBatch(row.batchKib());
        ByteBuffer batch =
                RecordBatches.build(recordsPerBatch, options.recordBytes(), options.directBatches(), row.hashCode());
        Path dir = Files.createTempDirectory(options.baseDir(), "shardgate-store-bench-");
        currentDir = dir;
        CommitStats stats = new CommitStats();
        try {
            prewarm(dir, options.prewarmGib());
            LmdbStoreConfig defaults = LmdbStoreConfig.defaults(dir).withDurability(row.durability());
            LmdbStoreConfig config = new LmdbStoreConfig(
                    dir,
                    row.durability(),
                    options.flushIntervalMs(),
                    defaults.initialMapSizeBytes(),
                    defaults.maxBatchBytes(),
                    defaults.retentionCheckIntervalMs(),
                    defaults.readerThreads());
            Phase before;
            Phase after;
            long[] latencies;
            ReadBack.Result read = null;
            try (LmdbShardStore store = LmdbShardStore.open(config, stats, Clock.systemUTC())) {
                store.createStream(
                                NewStream.uniform(STREAM, StreamOrigin.KAFKA, StreamSettings.defaults(), row.shards()))
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                AppendLoad load =
                        new AppendLoad(store, STREAM, row.shards(), row.appenders(), options.inFlight(), batch);
                load.start();
                run(options, load, "warm-up", options.warmupSeconds());
                load.startTiming();
                before = Phase.now(load, stats);
                run(options, load, "timed", options.seconds());
                load.stopTiming();
                after = Phase.now(load, stats);
                load.stop();
                latencies = load.latencies();
                if (options.readBack()) {
                    read = ReadBack.readAll(store, STREAM, load.recordsPerShard());
                }
            }
            return new Result(
                    cells(row, recordsPerBatch, before, after, stats, latencies, read),
                    read == null || read.problem() == null);
        } finally {
            deleteRecursively(dir);
            currentDir = null;
            System.gc();
        }
    }

    private static String[] cells(
            Row row,
            int recordsPerBatch,
            Phase before,
            Phase after,
            CommitStats stats,
            long[] latencies,
            ReadBack.Result read) {
        double seconds = (after.nanos - before.nanos) / 1e9;
        long appends = after.appends - before.appends;
        long bytes = after.bytes - before.bytes;
        double cpuSeconds = (after.cpuNanos - before.cpuNanos) / 1e9;
        CommitStats.Snapshot commits = after.commits.minus(before.commits);
        String readRate = "-";
        String readCheck = "skipped";
        if (read != null) {
            readRate = read.nanos() > 0 ? fmt("%,.0f", read.bytes() / MB / (read.nanos() / 1e9)) : "-";
            readCheck = read.problem() == null
                    ? fmt("ok %,d recs", read.records())
                    : "FAILED: " + read.problem().replace('|', '/');
        }
        return new String[] {
            row.durability().name().toLowerCase(Locale.ROOT),
            row.batchKib() + "k (" + recordsPerBatch + " recs)",
            Integer.toString(row.shards()),
            Integer.toString(row.appenders()),
            fmt("%,.0f", appends / seconds),
            fmt("%,.1f", bytes / MB / seconds),
            fmt("%,.1f", bytes / MIB / seconds),
            fmt("%.2f", bytes / MB / seconds / rawMbPerSecond),
            fmt("%.2f", LatencyRecorder.percentile(latencies, 50) / 1e6),
            fmt("%.2f", LatencyRecorder.percentile(latencies, 99) / 1e6),
            bytes > 0 ? fmt("%.2f", cpuSeconds / (bytes / GIB)) : "-",
            commits.commits() > 0 ? fmt("%.1f", (double) commits.operations() / commits.commits()) : "-",
            fmt("%.0f%%", 100.0 * commits.commitNanos() / (after.nanos - before.nanos)),
            Long.toString(stats.snapshot().mapResizes()),
            readRate,
            readCheck,
            fmt("%.2f", OS.getSystemLoadAverage())
        };
    }

    /** The counters at the start or the end of the timed phase. */
    private record Phase(long nanos, long cpuNanos, long appends, long bytes, CommitStats.Snapshot commits) {
        static Phase now(AppendLoad load, CommitStats stats) {
            return new Phase(System.nanoTime(), OS.getProcessCpuTime(), load.appends(), load.bytes(), stats.snapshot());
        }
    }

    private static void printEnvironment(PrintStream out, StoreBenchOptions options, String[] args) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        out.println("# Shardgate store benchmark");
        out.println();
        out.println("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.println("- arguments: " + (args.length == 0 ? "(none)" : String.join(" ", args)));
        out.println("- cores: " + runtime.availableProcessors() + " available to the JVM; CPU: " + cpuModel());
        out.println(fmt(
                "- memory: %.1f GiB physical, %.1f GiB max heap",
                OS.getTotalMemorySize() / GIB, runtime.maxMemory() / GIB));
        out.println("- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; GC: "
                + ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", "))
                + "; flags: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("- data directories under: " + options.baseDir().toAbsolutePath() + " ("
                + Files.getFileStore(options.baseDir()).type() + ")");
        out.println(fmt("- load average (1 min) at start: %.2f", OS.getSystemLoadAverage()));
        out.println(fmt(
                "- workload: %d-byte records without key, uncompressed v2 batches in %s buffers, %d appends in"
                        + " flight per appender, %.1f s warm-up + %.1f s timed per row, read-back with %d-byte reads",
                options.recordBytes(),
                options.directBatches() ? "direct" : "heap",
                options.inFlight(),
                options.warmupSeconds(),
                options.seconds(),
                ReadBack.MAX_BYTES));
        if (options.prewarmGib() > 0) {
            out.println(
                    "- page cache pre-warmed before each row: " + options.prewarmGib() + " GiB written and deleted");
        }
        out.println(fmt(
                "- store: LmdbStoreConfig.defaults, except a sync every %d ms in os durability; initial map %d MiB",
                options.flushIntervalMs(), LmdbStoreConfig.DEFAULT_INITIAL_MAP_SIZE_BYTES >> 20));
        out.println();
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through
            }
        }
        return "unknown";
    }

    private static String row(String[] cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String separator(String[] columns) {
        List<String> dashes = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            dashes.add(i < 4 || columns[i].equals("read check") ? "---" : "---:");
        }
        return "|" + String.join("|", dashes) + "|";
    }

    private static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    /** Lets the appenders run for {@code seconds}, printing each second's rates when asked to. */
    private static void run(StoreBenchOptions options, AppendLoad load, String phase, double seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long until = start + (long) (seconds * 1e9);
        long lastNanos = start;
        long lastAppends = load.appends();
        long lastBytes = load.bytes();
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(options.progress() ? Math.min(left, 1_000_000_000L) : left);
            if (options.progress()) {
                long now = System.nanoTime();
                long appends = load.appends();
                long bytes = load.bytes();
                double interval = (now - lastNanos) / 1e9;
                System.err.println(fmt(
                        "  %-7s %5.1f s: %,10.0f appends/s %8.1f MB/s",
                        phase,
                        (now - start) / 1e9,
                        (appends - lastAppends) / interval,
                        (bytes - lastBytes) / MB / interval));
                lastNanos = now;
                lastAppends = appends;
                lastBytes = bytes;
            }
        }
    }

    /**
     * Writes {@code gib} GiB of zeros to a scratch file in {@code dir} and deletes it, so that the page cache the
     * row then fills comes from memory just freed. On a VM that reports free memory to its host (virtio-balloon
     * free page reporting), memory that stayed free for a few seconds costs a host fault on first touch, which
     * otherwise dominates the store's write cost; on bare metal this changes nothing.
     */
    /**
     * The ceiling any store on this machine has for new data: the same bytes the 256 KiB rows append, written
     * back to back with {@code FileChannel.write} to a new file in the same file system, one thread, no sync, for
     * the timed-phase duration; under the run's conditions (pre-warmed like every row when {@code --prewarm-gib}
     * is set). Without pre-warming, the run idles before and after it so that memory is cold for it as it is for
     * the rows' timed phases: on this VM memory left free for some seconds costs a host fault on first touch
     * (see docs/benchmarks.md, caveats).
     */
    private static double rawWrite(StoreBenchOptions options) throws Exception {
        ByteBuffer batch =
                RecordBatches.build(options.recordsPerBatch(256), options.recordBytes(), options.directBatches(), 1);
        Path dir = Files.createTempDirectory(options.baseDir(), "shardgate-raw-bench-");
        currentDir = dir;
        try {
            if (options.prewarmGib() == 0) {
                Thread.sleep(COLD_PAUSE_MS);
            }
            prewarm(dir, options.prewarmGib());
            long bytes = 0;
            long start = System.nanoTime();
            long end = start + (long) (options.seconds() * 1e9);
            try (FileChannel channel =
                    FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (System.nanoTime() < end) {
                    ByteBuffer view = batch.duplicate();
                    while (view.hasRemaining()) {
                        bytes += channel.write(view);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return bytes / MB / seconds;
        } finally {
            deleteRecursively(dir);
            currentDir = null;
            if (options.prewarmGib() == 0) {
                Thread.sleep(COLD_PAUSE_MS);
            }
        }
    }

    private static void prewarm(Path dir, int gib) throws IOException {
        if (gib == 0) {
            return;
        }
        Path scratch = dir.resolve("prewarm.tmp");
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long i = 0; i < (long) gib << 10; i++) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros);
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static void deleteCurrentDir() {
        Path dir = currentDir;
        if (dir != null) {
            try {
                deleteRecursively(dir);
            } catch (IOException e) {
                System.err.println("store-bench: could not delete " + dir + ": " + e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
