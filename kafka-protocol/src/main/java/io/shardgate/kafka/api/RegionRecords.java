package io.shardgate.kafka.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

import io.shardgate.store.RegionRead;

/**
 * A partition's fetched batches when some of them are regions of the store's data file (ADR 0006): serialized as
 * Kafka's {@code FileRecords} are, its {@link #toSend() send} hands copied batches to the channel as buffers and
 * asks the channel to {@link TransferableChannel#transferFrom transfer} each region from the file, in offset order.
 * {@link io.shardgate.kafka.codec.ResponseFrames} turns those into Netty file regions sent with {@code sendfile}. The
 * batches stay valid until the read's lease is released, which the pipeline does once the response is written.
 */
final class RegionRecords implements BaseRecords {
    /** A run of copied batches (a buffer) or one region of the file. */
    private record Segment(ByteBuffer bytes, long position, int size) {}

    private final FileChannel file;
    private final List<Segment> segments;
    private final int size;

    /**
     * The leading {@code count} parts of {@code read}, which has regions.
     */
    RegionRecords(RegionRead read, int count) {
        this.file = read.file();
        List<Segment> segments = new ArrayList<>();
        ByteBuffer copied = read.copied();
        int runStart = 0;
        int runEnd = 0;
        int total = 0;
        for (RegionRead.Part part : read.parts().subList(0, count)) {
            total += part.sizeInBytes();
            if (!part.inFile()) {
                runEnd += part.sizeInBytes();
                continue;
            }
            if (runEnd > runStart) {
                segments.add(bytes(copied, runStart, runEnd));
                runStart = runEnd;
            }
            segments.add(new Segment(null, part.filePosition(), part.sizeInBytes()));
        }
        if (runEnd > runStart) {
            segments.add(bytes(copied, runStart, runEnd));
        }
        this.segments = List.copyOf(segments);
        this.size = total;
    }

    private static Segment bytes(ByteBuffer copied, int start, int end) {
        return new Segment(copied.duplicate().position(start).limit(end).slice(), -1, end - start);
    }

    @Override
    public int sizeInBytes() {
        return size;
    }

    @Override
    public RecordsSend<RegionRecords> toSend() {
        return new Send(this);
    }

    /** Writes the segments in order, resuming wherever an earlier call stopped. */
    private static final class Send extends RecordsSend<RegionRecords> {
        Send(RegionRecords records) {
            super(records, records.size);
        }

        @Override
        protected int writeTo(TransferableChannel channel, int previouslyWritten, int remaining) throws IOException {
            RegionRecords records = records();
            int skip = previouslyWritten;
            int written = 0;
            for (Segment segment : records.segments) {
                if (skip >= segment.size) {
                    skip -= segment.size;
                    continue;
                }
                int want = Math.min(segment.size - skip, remaining - written);
                long done = segment.bytes != null
                        ? channel.write(segment.bytes.duplicate().position(skip).limit(skip + want))
                        : channel.transferFrom(records.file, segment.position + skip, want);
                written += (int) done;
                skip = 0;
                if (done < want || written >= remaining) {
                    break;
                }
            }
            return written;
        }
    }
}
