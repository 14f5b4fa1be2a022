package io.shardgate.store;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches read from a shard to be sent as stored, each either copied into memory or left where the store keeps it:
 * a region of the store's data file that the caller sends with {@link FileChannel#transferTo} ({@code sendfile})
 * without copying it through user space. See {@link ShardStore#readRegions}.
 *
 * <p>A read with regions holds a <em>lease</em>: until {@link #close()}, the store neither deletes the batches it lent
 * nor reuses their file space, whatever else happens (appends, map growth, retention, DeleteRecords, stream
 * deletion); deletions of the shard wait instead. Close the read once its regions are sent, or once sending them
 * failed or was given up (the connection closed). Closing is idempotent and may happen on any thread. A read that is
 * never closed keeps the shard's deleted batches on disk until the process ends.
 */
public final class RegionRead implements AutoCloseable {

    /**
     * One batch of the read.
     *
     * @param baseOffset the batch's first offset
     * @param lastOffset the batch's last offset
     * @param sizeInBytes the batch's size, as stored
     * @param bytes the batch's bytes (read-only, position 0), or null when the batch is a region of {@link #file()}
     * @param filePosition where the batch starts in {@link #file()}, or -1 when it was copied into {@code bytes}
     */
    public record Part(long baseOffset, long lastOffset, int sizeInBytes, ByteBuffer bytes, long filePosition) {
        public Part {
            if ((bytes == null) == (filePosition < 0)) {
                throw new IllegalArgumentException("a part is either bytes or a file region");
            }
            if (bytes != null && bytes.remaining() != sizeInBytes) {
                throw new IllegalArgumentException("the bytes do not match the size");
            }
        }

        /** A batch copied into memory. */
        public static Part copied(StoredBatch batch) {
            ByteBuffer data = batch.data();
            return new Part(batch.baseOffset(), batch.lastOffset(), data.remaining(), data, -1);
        }

        /** A batch left in the store's data file. */
        public static Part inFile(long baseOffset, long lastOffset, int sizeInBytes, long filePosition) {
            return new Part(baseOffset, lastOffset, sizeInBytes, null, filePosition);
        }

        /** Whether the batch is a region of the data file rather than bytes in memory. */
        public boolean inFile() {
            return bytes == null;
        }

        @Override
        public ByteBuffer bytes() {
            return bytes == null ? null : bytes.asReadOnlyBuffer();
        }
    }

    private final List<Part> parts;
    private final ByteBuffer copied;
    private final long logStartOffset;
    private final long highWatermark;
    private final FileChannel file;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param parts the batches in offset order
     * @param copied the copied batches back to back, in offset order (their parts' bytes are slices of it)
     * @param file the store's data file, opened read-only and shared; null when no part is a region
     * @param release ends the lease; run once, by the first {@link #close()}
     */
    public RegionRead(
            List<Part> parts,
            ByteBuffer copied,
            long logStartOffset,
            long highWatermark,
            FileChannel file,
            Runnable release) {
        this.parts = List.copyOf(parts);
        this.copied = Objects.requireNonNull(copied, "copied");
        this.logStartOffset = logStartOffset;
        this.highWatermark = highWatermark;
        this.file = file;
        this.release = Objects.requireNonNull(release, "release");
        if (file == null && this.parts.stream().anyMatch(Part::inFile)) {
            throw new IllegalArgumentException("regions need the file they are in");
        }
    }

    /** A read without regions: every batch copied, nothing leased. */
    public static RegionRead copied(ReadResult result) {
        return new RegionRead(
                result.batches().stream().map(Part::copied).toList(),
                result.records(),
                result.logStartOffset(),
                result.highWatermark(),
                null,
                () -> {});
    }

    /** The batches in offset order. */
    public List<Part> parts() {
        return parts;
    }

    /**
     * The copied batches back to back in offset order, read-only: the parts that are not regions, in one buffer (a
     * run of consecutive copied parts is one slice of it).
     */
    public ByteBuffer copied() {
        return copied.asReadOnlyBuffer();
    }

    /** The size of every part together. */
    public long sizeInBytes() {
        return parts.stream().mapToLong(Part::sizeInBytes).sum();
    }

    /**
     * The file the regions are in: the store's own channel, opened read-only and shared by every read, so callers
     * must never close it (nor change its position: use the positional {@link FileChannel#transferTo}). Null when no
     * part is a region.
     */
    public FileChannel file() {
        return file;
    }

    /** The shard's log start offset when read. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset after the last committed record when read. */
    public long highWatermark() {
        return highWatermark;
    }

    /** Whether any part is a region of the data file (and the read holds a lease). */
    public boolean hasRegions() {
        return file != null;
    }

    /** Ends the lease; idempotent. The regions must not be sent after this. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
