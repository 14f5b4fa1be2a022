package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * The LMDB environment and its named databases (see the package documentation for the layout), plus the lock
 * that keeps read transactions out while the map is resized: LMDB requires that no transaction is active in the
 * process when {@code mdb_env_set_mapsize} runs.
 */
final class Databases implements AutoCloseable {
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> meta;
    final Dbi<ByteBuffer> streams;
    final Dbi<ByteBuffer> shards;
    final Dbi<ByteBuffer> batches;
    final Dbi<ByteBuffer> times;
    final Dbi<ByteBuffer> producers;
    final Dbi<ByteBuffer> positions;
    final Dbi<ByteBuffer> groups;
    /** Locates batch values in the data file (ADR 0006). */
    final OverflowPages overflow;
    /**
     * LMDB's data file, opened read-only once and shared by every region read lends (ADR 0006); null when values
     * cannot be located ({@link OverflowPages#AVAILABLE}). Positional reads only: nobody moves its position.
     */
    final FileChannel dataFile;

    private final ReentrantReadWriteLock resizeLock = new ReentrantReadWriteLock();
    private volatile long mapSize;

    Databases(Path dir, long initialMapSize, Durability durability, int maxReaders) throws java.io.IOException {
        Files.createDirectories(dir);
        EnvFlags[] flags = durability == Durability.OS
                ? new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS};
        this.env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
                .setMapSize(initialMapSize)
                .setMaxDbs(16)
                .setMaxReaders(maxReaders)
                .open(dir.toFile(), flags);
        this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
        this.streams = env.openDbi("streams", DbiFlags.MDB_CREATE);
        this.shards = env.openDbi("shards", DbiFlags.MDB_CREATE);
        this.batches = env.openDbi("batches", DbiFlags.MDB_CREATE);
        this.times = env.openDbi("times", DbiFlags.MDB_CREATE);
        this.producers = env.openDbi("producers", DbiFlags.MDB_CREATE);
        this.positions = env.openDbi("positions", DbiFlags.MDB_CREATE);
        this.groups = env.openDbi("groups", DbiFlags.MDB_CREATE);
        this.mapSize = env.info().mapSize;
        this.overflow = new OverflowPages(env.stat().pageSize, Keys.PAIR_BYTES);
        // Without MDB_WRITEMAP (ADR 0003) commits reach the file with write(2) calls, i.e. the page cache, which the
        // read-only map and sendfile of this channel both read: a committed batch reads the same through either.
        this.dataFile =
                OverflowPages.AVAILABLE ? FileChannel.open(dir.resolve("data.mdb"), StandardOpenOption.READ) : null;
    }

    long mapSize() {
        return mapSize;
    }

    /** Runs a read transaction; never on an event loop. */
    <T> T read(java.util.function.Function<Txn<ByteBuffer>, T> work) {
        resizeLock.readLock().lock();
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            return work.apply(txn);
        } finally {
            resizeLock.readLock().unlock();
        }
    }

    /** Grows the map to twice its size, with every read transaction held off. Writer thread only. */
    long grow() {
        resizeLock.writeLock().lock();
        try {
            long newSize = mapSize * 2;
            env.setMapSize(newSize);
            mapSize = env.info().mapSize;
            overflow.mapMoved();
            return mapSize;
        } finally {
            resizeLock.writeLock().unlock();
        }
    }

    void sync() {
        env.sync(true);
    }

    @Override
    public void close() {
        resizeLock.writeLock().lock();
        try {
            env.close();
            if (dataFile != null) {
                dataFile.close();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            resizeLock.writeLock().unlock();
        }
    }
}
