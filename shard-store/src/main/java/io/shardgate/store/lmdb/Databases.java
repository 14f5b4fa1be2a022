package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
        } finally {
            resizeLock.writeLock().unlock();
        }
    }
}
