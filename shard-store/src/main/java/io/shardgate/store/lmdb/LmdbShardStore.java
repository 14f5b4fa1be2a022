package io.shardgate.store.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.store.AppendResult;
import io.shardgate.store.InvalidBatchException;
import io.shardgate.store.NewStream;
import io.shardgate.store.OffsetOutOfRangeException;
import io.shardgate.store.Position;
import io.shardgate.store.ProducerSnapshot;
import io.shardgate.store.ReadResult;
import io.shardgate.store.RecordTimestamp;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardChange;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.ShardState;
import io.shardgate.store.ShardStore;
import io.shardgate.store.ShardStoreException;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.UnknownShardException;
import io.shardgate.store.UnknownStreamException;

/**
 * The {@link ShardStore} over one LMDB environment. See the package documentation for the layout and threads.
 *
 * <p>Durability: an append completes after its transaction committed. In {@link Durability#FSYNC} the commit
 * includes {@code fdatasync}; in {@link Durability#OS} the commit reaches the OS page cache (so a killed process
 * loses nothing) and a background task syncs every {@code flushIntervalMs}.
 */
public final class LmdbShardStore implements ShardStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(LmdbShardStore.class);
    private static final int MAX_READERS = 126;
    /** Where a v2 record batch keeps its max timestamp: after the base timestamp at byte 27. */
    private static final int MAX_TIMESTAMP_OFFSET = 35;

    private final LmdbStoreConfig config;
    private final Clock clock;
    private final Databases db;
    private final Writer writer;
    private final ExecutorService readers;
    private final ExecutorService completer;
    private final ScheduledExecutorService maintenance;
    private volatile boolean closed;

    private LmdbShardStore(LmdbStoreConfig config, StoreListener listener, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.db = new Databases(config.dataDir(), config.initialMapSizeBytes(), config.durability(), MAX_READERS);
        this.completer = Executors.newSingleThreadExecutor(threads("shardgate-store-completer"));
        Recovered recovered = db.read(txn -> recover(txn, db));
        this.writer = new Writer(
                db, listener, completer, clock, recovered.catalog, recovered.nextShardKey, recovered.lastBatchKey);
        this.readers = Executors.newFixedThreadPool(config.readerThreads(), threads("shardgate-store-reader"));
        this.maintenance = Executors.newSingleThreadScheduledExecutor(threads("shardgate-store-maintenance"));
        writer.start();
        for (long orphan : recovered.orphans) {
            writer.submit(new DeletionOps.Purge(orphan));
        }
        // Finish deletions a previous run left half done (batches below a moved log start).
        for (StreamEntry entry : recovered.catalog.streams().values()) {
            for (ShardLog log : entry.logs()) {
                if (log.logStartOffset > 0) {
                    writer.submit(new DeletionOps.Compact(log));
                }
            }
        }
        if (config.durability() == Durability.OS) {
            maintenance.scheduleWithFixedDelay(
                    this::syncIfNeeded, config.flushIntervalMs(), config.flushIntervalMs(), TimeUnit.MILLISECONDS);
        }
        maintenance.scheduleWithFixedDelay(
                this::enforceRetention,
                config.retentionCheckIntervalMs(),
                config.retentionCheckIntervalMs(),
                TimeUnit.MILLISECONDS);
        LOGGER.info(
                "LMDB store open in {} ({} durability, {} streams, map {} bytes)",
                config.dataDir(),
                config.durability(),
                recovered.catalog.streams().size(),
                db.mapSize());
    }

    /** Opens (creating if needed) the store in {@code config.dataDir()}. */
    public static LmdbShardStore open(LmdbStoreConfig config) throws IOException {
        return open(config, StoreListener.NONE, Clock.systemUTC());
    }

    public static LmdbShardStore open(LmdbStoreConfig config, StoreListener listener, Clock clock) throws IOException {
        return new LmdbShardStore(config, listener, clock);
    }

    /** The current LMDB map size. */
    public long mapSizeBytes() {
        return db.mapSize();
    }

    /** Whether the store takes writes: open and its writer thread running. For health checks. */
    public boolean writable() {
        return !closed && writer.running();
    }

    public LmdbStoreConfig config() {
        return config;
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    @Override
    public Optional<Stream> stream(String name) {
        StreamEntry entry = writer.catalog().get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.stream());
    }

    @Override
    public Optional<Stream> stream(java.util.UUID id) {
        StreamEntry entry = writer.catalog().get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.stream());
    }

    @Override
    public CompletionStage<Long> reserveIds(String sequence, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        return writer.submit(new CatalogOps.ReserveIds(sequence, count));
    }

    @Override
    public CompletionStage<Optional<String>> property(String name) {
        checkProperty(name);
        return onReader(() -> db.read(txn -> PropertyOps.read(txn, db, name)));
    }

    @Override
    public CompletionStage<Optional<String>> alterProperty(String name, UnaryOperator<String> change) {
        checkProperty(name);
        java.util.Objects.requireNonNull(change, "change");
        return writer.submit(new PropertyOps.Alter(name, change));
    }

    private static void checkProperty(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property needs a name");
        }
    }

    @Override
    public List<Stream> streams() {
        return writer.catalog().streams().values().stream()
                .map(StreamEntry::stream)
                .toList();
    }

    @Override
    public CompletionStage<Stream> createStream(NewStream spec) {
        return writer.submit(new CatalogOps.Create(spec));
    }

    @Override
    public CompletionStage<Stream> alterStream(String name, UnaryOperator<StreamSettings> change) {
        return writer.submit(new CatalogOps.Alter(name, change));
    }

    @Override
    public CompletionStage<Void> deleteStream(String name) {
        return writer.submit(new CatalogOps.Delete(name));
    }

    @Override
    public CompletionStage<Stream> reshard(String name, ShardChange change) {
        return writer.submit(new CatalogOps.Reshard(name, change));
    }

    // ---- data ----------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<AppendResult> append(ShardRef shard, ByteBuffer batches) {
        IncomingBatches incoming;
        try {
            incoming = IncomingBatches.validate(batches, config.maxBatchBytes());
        } catch (InvalidBatchException e) {
            return CompletableFuture.failedFuture(e);
        }
        return writer.submit(new AppendOp(shard, incoming));
    }

    @Override
    public int maxAppendBytes() {
        return config.maxBatchBytes();
    }

    @Override
    public CompletionStage<ReadResult> read(
            ShardRef shard, long fromOffset, int maxBytes, IntFunction<ByteBuffer> buffers) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        return withLog(shard, log -> onReader(() -> readBatches(shard, log, fromOffset, maxBytes, buffers)));
    }

    @Override
    public CompletionStage<ShardOffsets> offsets(ShardRef shard) {
        return withLog(shard, log -> {
            long logStart = log.logStartOffset;
            return CompletableFuture.completedFuture(new ShardOffsets(logStart, log.highWatermark));
        });
    }

    @Override
    public CompletionStage<OptionalLong> offsetForAppendTime(ShardRef shard, long appendTimeMs) {
        return withLog(
                shard,
                log -> onReader(() -> db.read(txn -> {
                    long logStart = log.logStartOffset;
                    try (Cursor<ByteBuffer> cursor = db.times.openCursor(txn)) {
                        ByteBuffer key = Keys.pair(
                                ByteBuffer.allocateDirect(Keys.PAIR_BYTES), log.key, Math.max(0, appendTimeMs));
                        if (cursor.get(key, GetOp.MDB_SET_RANGE) && Keys.first(cursor.key()) == log.key) {
                            long offset = Math.max(cursor.val().getLong(0), logStart);
                            return offset < log.highWatermark ? OptionalLong.of(offset) : OptionalLong.empty();
                        }
                        return OptionalLong.empty();
                    }
                })));
    }

    @Override
    public CompletionStage<Optional<RecordTimestamp>> offsetForTimestamp(ShardRef shard, long timestampMs) {
        return withLog(
                shard,
                log -> onReader(() -> db.read(txn -> {
                    long logStart = log.logStartOffset;
                    return TimestampSearch.first(txn, db, log, logStart, logStart, log.highWatermark, timestampMs);
                })));
    }

    @Override
    public CompletionStage<Optional<RecordTimestamp>> maxTimestamp(ShardRef shard) {
        return withLog(
                shard,
                log -> onReader(() ->
                        db.read(txn -> TimestampSearch.max(txn, db, log, log.logStartOffset, log.highWatermark))));
    }

    @Override
    public CompletionStage<Long> sizeInBytes(ShardRef shard) {
        return withLog(
                shard,
                log -> onReader(() -> db.read(txn -> {
                    long bytes = 0;
                    try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
                        ByteBuffer key = Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), log.key, 0);
                        boolean more = cursor.get(key, GetOp.MDB_SET_RANGE);
                        while (more && Keys.first(cursor.key()) == log.key) {
                            bytes += cursor.val().remaining() - Long.BYTES;
                            more = cursor.next();
                        }
                    }
                    return bytes;
                })));
    }

    @Override
    public CompletionStage<List<ProducerSnapshot>> producers(ShardRef shard) {
        return withLog(
                shard,
                log -> onReader(() -> db.read(txn -> {
                    List<ProducerSnapshot> producers = new ArrayList<>();
                    try (Cursor<ByteBuffer> cursor = db.producers.openCursor(txn)) {
                        ByteBuffer key = Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), log.key, 0);
                        boolean more = cursor.get(key, GetOp.MDB_SET_RANGE);
                        while (more && Keys.first(cursor.key()) == log.key) {
                            ProducerState state = ProducerState.decode(cursor.val());
                            ProducerState.Appended last = state.last();
                            if (last != null) {
                                producers.add(new ProducerSnapshot(
                                        Keys.second(cursor.key()),
                                        state.epoch(),
                                        last.lastSequence(),
                                        batchMaxTimestamp(txn, log.key, last.baseOffset())));
                            }
                            more = cursor.next();
                        }
                    }
                    return producers;
                })));
    }

    private long batchMaxTimestamp(Txn<ByteBuffer> txn, long shardKey, long baseOffset) {
        ByteBuffer value =
                db.batches.get(txn, Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), shardKey, baseOffset));
        if (value == null) {
            return -1;
        }
        return value.getLong(value.position() + Long.BYTES + MAX_TIMESTAMP_OFFSET);
    }

    @Override
    public CompletableFuture<Void> awaitAppend(ShardRef shard, long offset) {
        StreamEntry entry = writer.catalog().get(shard.stream());
        if (entry == null) {
            return CompletableFuture.failedFuture(unknownStream(shard.stream()));
        }
        ShardLog log = entry.log(shard.shard());
        if (log == null) {
            return CompletableFuture.failedFuture(unknownShard(shard));
        }
        if (!entry.stream().shard(shard.shard()).isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        return log.await(offset);
    }

    @Override
    public CompletionStage<Long> deleteBefore(ShardRef shard, long offset) {
        return writer.submit(new DeletionOps.DeleteBefore(shard, offset));
    }

    // ---- positions -----------------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> commitPositions(String group, Map<ShardRef, Position> positions) {
        checkGroup(group);
        return writer.submit(new PositionOps.Commit(group, positions));
    }

    @Override
    public CompletionStage<Map<ShardRef, Position>> positions(String group) {
        checkGroup(group);
        return onReader(() -> db.read(txn -> PositionOps.read(txn, db, writer.catalog(), group)));
    }

    @Override
    public CompletionStage<Void> deletePositions(String group, Set<ShardRef> shards) {
        checkGroup(group);
        return writer.submit(new PositionOps.Delete(group, shards));
    }

    // ---- groups --------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> saveGroupState(String group, byte[] state) {
        checkNamedGroup(group);
        return writer.submit(new GroupOps.Save(group, state));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> groupStates() {
        return onReader(() -> db.read(txn -> GroupOps.states(txn, db)));
    }

    @Override
    public CompletionStage<java.util.SortedSet<String>> groups() {
        return onReader(() -> db.read(txn -> GroupOps.names(txn, db)));
    }

    @Override
    public CompletionStage<Void> deleteGroup(String group) {
        checkNamedGroup(group);
        return writer.submit(new GroupOps.Delete(group));
    }

    private static void checkNamedGroup(String group) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("a group state needs a group name");
        }
        checkGroup(group);
    }

    private static void checkGroup(String group) {
        if (group.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_GROUP_BYTES) {
            throw new IllegalArgumentException("group names are limited to " + MAX_GROUP_BYTES + " UTF-8 bytes");
        }
    }

    // ---- life cycle ----------------------------------------------------------------------------------------

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
            writer.close();
            readers.shutdown();
            readers.awaitTermination(30, TimeUnit.SECONDS);
            completer.shutdown();
            completer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.sync();
        } catch (LmdbException e) {
            LOGGER.error("final sync of the LMDB store failed", e);
        }
        db.close();
        LOGGER.info("LMDB store in {} closed", config.dataDir());
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private ReadResult readBatches(
            ShardRef shard, ShardLog log, long from, int maxBytes, IntFunction<ByteBuffer> buffers) {
        // Offsets first, then the snapshot: everything below this high watermark is in the snapshot.
        long logStart = log.logStartOffset;
        long highWatermark = log.highWatermark;
        if (from < logStart || from > highWatermark) {
            throw outOfRange(shard, from, logStart, highWatermark);
        }
        if (from == highWatermark) {
            return new ReadResult(List.of(), ByteBuffer.allocate(0), logStart, highWatermark);
        }
        return db.read(txn -> {
            List<ByteBuffer> values = new ArrayList<>();
            List<Long> bases = new ArrayList<>();
            long total = 0;
            try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
                ByteBuffer key = Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), log.key, from);
                boolean found = cursor.get(key, GetOp.MDB_SET_RANGE);
                boolean startsHere = found && Keys.first(cursor.key()) == log.key && Keys.second(cursor.key()) == from;
                if (!startsHere) {
                    boolean previous = found ? cursor.prev() : cursor.last();
                    if (!previous || Keys.first(cursor.key()) != log.key || lastOffset(cursor) < from) {
                        // The batch holding `from` was deleted after the offsets were read.
                        throw outOfRange(shard, from, log.logStartOffset, log.highWatermark);
                    }
                }
                do {
                    ByteBuffer k = cursor.key();
                    long base = Keys.second(k);
                    if (Keys.first(k) != log.key || base >= highWatermark) {
                        break;
                    }
                    ByteBuffer value = cursor.val();
                    int size = value.remaining() - Long.BYTES;
                    if (!values.isEmpty() && total + size > maxBytes) {
                        break;
                    }
                    values.add(value.duplicate());
                    bases.add(base);
                    total += size;
                } while (cursor.next());
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new StoreIoException("read of " + total + " bytes is too large", null);
            }
            ByteBuffer records = buffers.apply((int) total).slice().limit((int) total);
            List<StoredBatch> batches = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                ByteBuffer value = values.get(i);
                long appendTime = value.getLong(value.position());
                int start = records.position();
                records.put(value.position(value.position() + Long.BYTES));
                ByteBuffer data = records.duplicate()
                        .position(start)
                        .limit(records.position())
                        .slice();
                long base = bases.get(i);
                long last = base + data.getInt(DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET);
                batches.add(new StoredBatch(base, last, appendTime, data));
            }
            records.flip();
            return new ReadResult(batches, records, logStart, highWatermark);
        });
    }

    private static long lastOffset(Cursor<ByteBuffer> cursor) {
        return Keys.second(cursor.key())
                + cursor.val()
                        .getInt(cursor.val().position() + Long.BYTES + DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET);
    }

    private static OffsetOutOfRangeException outOfRange(ShardRef shard, long offset, long logStart, long hw) {
        return new OffsetOutOfRangeException(
                "Offset " + offset + " is out of range for " + shard + ": log start offset " + logStart
                        + ", high watermark " + hw,
                logStart,
                hw);
    }

    private <T> CompletionStage<T> withLog(
            ShardRef shard, java.util.function.Function<ShardLog, CompletionStage<T>> work) {
        StreamEntry entry = writer.catalog().get(shard.stream());
        if (entry == null) {
            return CompletableFuture.failedFuture(unknownStream(shard.stream()));
        }
        ShardLog log = entry.log(shard.shard());
        if (log == null) {
            return CompletableFuture.failedFuture(unknownShard(shard));
        }
        return work.apply(log);
    }

    private <T> CompletableFuture<T> onReader(Supplier<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            readers.execute(() -> {
                try {
                    future.complete(work.get());
                } catch (ShardStoreException e) {
                    future.completeExceptionally(e);
                } catch (RuntimeException e) {
                    future.completeExceptionally(new StoreIoException("the store could not read: " + e, e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new io.shardgate.store.StoreClosedException("the store is closed"));
        }
        return future;
    }

    private static UnknownStreamException unknownStream(String name) {
        return new UnknownStreamException("Stream " + name + " does not exist");
    }

    private static UnknownShardException unknownShard(ShardRef shard) {
        return new UnknownShardException("Stream " + shard.stream() + " has no shard " + shard.shard());
    }

    private void syncIfNeeded() {
        try {
            if (writer.takeUnsynced()) {
                db.sync();
            }
        } catch (RuntimeException e) {
            writer.markUnsynced();
            LOGGER.error("periodic sync of the LMDB store failed: {}", e.toString());
        }
    }

    private void enforceRetention() {
        try {
            for (StreamEntry entry : writer.catalog().streams().values()) {
                long retention = entry.stream().settings().retentionMs();
                long retentionBytes = entry.stream().settings().retentionBytes();
                for (Shard shard : entry.stream().shards()) {
                    if (shard.state() == ShardState.EXPIRED) {
                        continue;
                    }
                    if (retention >= 0) {
                        writer.submit(new DeletionOps.Retain(entry.stream().name(), shard.index(), retention));
                    }
                    if (retentionBytes >= 0) {
                        retainBytes(new ShardRef(entry.stream().name(), shard.index()), retentionBytes);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOGGER.error("retention check failed", e);
        }
    }

    /**
     * Size retention of one shard, as Kafka applies {@code retention.bytes} to segments but batch by batch: the oldest
     * batches go while the shard would still hold at least {@code retentionBytes} without them; the newest batch
     * always stays (Kafka keeps its active segment). The sizes are summed on a reader; only the move of the log start
     * goes through the writer.
     */
    private void retainBytes(ShardRef ref, long retentionBytes) {
        withLog(
                        ref,
                        log -> onReader(() -> db.read(txn -> {
                            long logStart = log.logStartOffset;
                            List<long[]> batches = new ArrayList<>(); // base offset, size
                            long total = 0;
                            try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
                                ByteBuffer key = Keys.pair(ByteBuffer.allocateDirect(Keys.PAIR_BYTES), log.key, 0);
                                boolean more = cursor.get(key, GetOp.MDB_SET_RANGE);
                                while (more && Keys.first(cursor.key()) == log.key) {
                                    long size = cursor.val().remaining() - Long.BYTES;
                                    batches.add(new long[] {Keys.second(cursor.key()), size});
                                    total += size;
                                    more = cursor.next();
                                }
                            }
                            long excess = total - retentionBytes;
                            long newStart = logStart;
                            for (int i = 0; i < batches.size() - 1 && excess - batches.get(i)[1] >= 0; i++) {
                                excess -= batches.get(i)[1];
                                newStart = batches.get(i + 1)[0];
                            }
                            return newStart > logStart ? newStart : -1L;
                        })))
                .thenCompose(newStart -> newStart > 0
                        ? writer.submit(new DeletionOps.DeleteBefore(ref, newStart))
                        : CompletableFuture.completedFuture(0L))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOGGER.debug("size retention of {} skipped: {}", ref, failure.toString());
                    }
                });
    }

    /** Runs the retention check now; for tests and the admin endpoint. */
    public void runRetention() {
        enforceRetention();
    }

    private record Recovered(Catalog catalog, long nextShardKey, long[] lastBatchKey, Set<Long> orphans) {}

    private static Recovered recover(Txn<ByteBuffer> txn, Databases db) {
        Map<Long, long[]> states = new java.util.HashMap<>();
        try (Cursor<ByteBuffer> cursor = db.shards.openCursor(txn)) {
            boolean more = cursor.first();
            while (more) {
                ByteBuffer value = cursor.val();
                int p = value.position();
                states.put(
                        Keys.first(cursor.key()),
                        new long[] {value.getLong(p), value.getLong(p + 8), value.getLong(p + 16)});
                more = cursor.next();
            }
        }
        TreeMap<String, StreamEntry> streams = new TreeMap<>();
        Set<Long> referenced = new HashSet<>();
        try (Cursor<ByteBuffer> cursor = db.streams.openCursor(txn)) {
            boolean more = cursor.first();
            while (more) {
                CatalogCodec.Stored stored = CatalogCodec.decode(Keys.bytes(cursor.val()));
                long[] keys = stored.shardKeys();
                ShardLog[] logs = new ShardLog[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    long[] state = states.getOrDefault(keys[i], new long[] {0, 0, -1});
                    logs[i] = new ShardLog(keys[i], state[0], state[1], state[2]);
                    referenced.add(keys[i]);
                }
                streams.put(stored.stream().name(), new StreamEntry(stored.stream(), keys, logs));
                more = cursor.next();
            }
        }
        Set<Long> orphans = new HashSet<>(states.keySet());
        orphans.removeAll(referenced);
        ByteBuffer format = db.meta.get(txn, Keys.utf8(Writer.FORMAT));
        if (format != null && format.getInt(format.position()) != Writer.FORMAT_VERSION) {
            throw new IllegalStateException("the data directory has store format " + format.getInt(format.position())
                    + "; this version reads format " + Writer.FORMAT_VERSION);
        }
        ByteBuffer next = db.meta.get(txn, Keys.utf8(Writer.NEXT_SHARD_KEY));
        long nextShardKey = next == null ? 1 : next.getLong(next.position());
        long[] lastBatchKey = {-1, -1};
        try (Cursor<ByteBuffer> cursor = db.batches.openCursor(txn)) {
            if (cursor.last()) {
                lastBatchKey[0] = Keys.first(cursor.key());
                lastBatchKey[1] = Keys.second(cursor.key());
            }
        }
        return new Recovered(new Catalog(streams), nextShardKey, lastBatchKey, orphans);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
