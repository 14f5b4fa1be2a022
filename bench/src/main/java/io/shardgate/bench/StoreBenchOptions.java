package io.shardgate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.shardgate.store.lmdb.Durability;
import io.shardgate.store.lmdb.LmdbStoreConfig;

/**
 * The command line of {@link StoreBench}. Every list option is a filter over the default matrix and takes
 * comma-separated values, so {@code --durability os --batch 16k --shards 8 --appenders 8} runs a single row.
 *
 * @param durabilities store durability modes to run
 * @param batchKib batch sizes in KiB of record payload (16 means 16 records of {@code recordBytes})
 * @param shards shard counts of the benchmark stream
 * @param appenders numbers of concurrent appenders
 * @param warmupSeconds appending before the timed phase of each row
 * @param seconds the timed phase of each row
 * @param inFlight appends each appender keeps outstanding at most
 * @param recordBytes the value size of each record
 * @param flushIntervalMs the store's periodic sync interval in {@code os} durability
 * @param directBatches whether batches live in direct buffers (as Netty hands them over) or on the heap
 * @param progress whether to print per-second throughput to stderr while a row runs
 * @param readBack whether to read everything back after the timed phase
 * @param prewarmGib GiB written to a scratch file and deleted before each row, so that the row's page cache
 *     reuses memory the machine has just used (a workaround for VMs that hand freed memory back to the host)
 * @param baseDir where each row's temporary data directory is created
 */
record StoreBenchOptions(
        List<Durability> durabilities,
        List<Integer> batchKib,
        List<Integer> shards,
        List<Integer> appenders,
        double warmupSeconds,
        double seconds,
        int inFlight,
        int recordBytes,
        long flushIntervalMs,
        boolean directBatches,
        boolean progress,
        boolean readBack,
        int prewarmGib,
        Path baseDir) {

    static final String USAGE = """
            Usage: store-bench.sh [options]
              --durability os,fsync   durability modes to run (default: os,fsync)
              --batch 16k,256k        batch sizes: KiB of 1 KiB records per batch (default: 16k,256k)
              --shards 1,8            shards in the stream (default: 1,8)
              --appenders 1,8         concurrent appenders (default: 1,8)
              --seconds 5             timed phase of each row, in seconds (default: 5)
              --warmup 2              warm-up of each row, in seconds (default: 2)
              --in-flight 64          outstanding appends per appender (default: 64)
              --record-bytes 1024     value bytes per record (default: 1024)
              --flush-ms 1000         the store's sync interval in os durability (default: the store's, 1000)
              --heap-batches          build batches in heap buffers instead of direct buffers
              --progress              print each second's appends and MB/s to stderr while a row runs
              --no-read               skip the read-back phase
              --prewarm-gib 0         before each row, write and delete this many GiB in --dir (see docs/benchmarks.md)
              --dir PATH              parent of the per-row data directories (default: java.io.tmpdir)
              --help                  this text
            """;

    static StoreBenchOptions parse(String[] args) {
        List<Durability> durabilities = List.of(Durability.OS, Durability.FSYNC);
        List<Integer> batchKib = List.of(16, 256);
        List<Integer> shards = List.of(1, 8);
        List<Integer> appenders = List.of(1, 8);
        double warmup = 2;
        double seconds = 5;
        int inFlight = 64;
        int recordBytes = 1024;
        long flushIntervalMs = LmdbStoreConfig.DEFAULT_FLUSH_INTERVAL_MS;
        boolean direct = true;
        boolean progress = false;
        boolean readBack = true;
        int prewarmGib = 0;
        Path baseDir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--durability" -> durabilities = list(value(args, ++i, arg), StoreBenchOptions::durability);
                case "--batch" -> batchKib = list(value(args, ++i, arg), StoreBenchOptions::kib);
                case "--shards" -> shards = list(value(args, ++i, arg), v -> positive(v, arg));
                case "--appenders" -> appenders = list(value(args, ++i, arg), v -> positive(v, arg));
                case "--seconds" -> seconds = seconds(value(args, ++i, arg), arg);
                case "--warmup" -> warmup = seconds(value(args, ++i, arg), arg);
                case "--in-flight" -> inFlight = positive(value(args, ++i, arg), arg);
                case "--record-bytes" -> recordBytes = positive(value(args, ++i, arg), arg);
                case "--flush-ms" -> flushIntervalMs = positive(value(args, ++i, arg), arg);
                case "--heap-batches" -> direct = false;
                case "--progress" -> progress = true;
                case "--no-read" -> readBack = false;
                case "--prewarm-gib" -> prewarmGib = nonNegative(value(args, ++i, arg), arg);
                case "--dir" -> baseDir = Path.of(value(args, ++i, arg));
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (seconds <= 0) {
            throw new UsageException("--seconds must be > 0");
        }
        return new StoreBenchOptions(
                durabilities,
                batchKib,
                shards,
                appenders,
                warmup,
                seconds,
                inFlight,
                recordBytes,
                flushIntervalMs,
                direct,
                progress,
                readBack,
                prewarmGib,
                baseDir);
    }

    /** Records per batch for a batch size in KiB. */
    int recordsPerBatch(int kib) {
        return Math.max(1, (int) ((long) kib * 1024 / recordBytes));
    }

    /** A bad command line; a null message asks for the usage text alone. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static <T> List<T> list(String value, java.util.function.Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(parse.apply(part.trim()));
            }
        }
        if (values.isEmpty()) {
            throw new UsageException("empty list: " + value);
        }
        return List.copyOf(values);
    }

    private static Durability durability(String value) {
        try {
            return Durability.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("durability must be os or fsync, not " + value);
        }
    }

    private static int kib(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.endsWith("kib")) {
            v = v.substring(0, v.length() - 3);
        } else if (v.endsWith("k")) {
            v = v.substring(0, v.length() - 1);
        }
        return positive(v, "--batch");
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a positive integer, not " + value);
    }

    private static int nonNegative(String value, String option) {
        return value.equals("0") ? 0 : positive(value, option);
    }

    private static double seconds(String value, String option) {
        try {
            double s = Double.parseDouble(value);
            if (s >= 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a number of seconds, not " + value);
    }
}
