package io.shardgate.store.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

import io.shardgate.store.InvalidProducerEpochException;
import io.shardgate.store.OutOfOrderSequenceException;

/**
 * What the store remembers of one producer in one shard, to make its retries idempotent: the epoch and the last
 * five batches (Kafka's window, as many as a producer may have in flight). The checks follow Apache Kafka's
 * {@code ProducerAppendInfo}: an older epoch is fenced; a new epoch must start at sequence 0; within an epoch
 * each batch must follow the last one, wrapping after {@code Integer.MAX_VALUE}; a batch equal to one of the
 * last five is a duplicate and answered with its original offsets. A producer the shard has no state for may
 * start at any sequence.
 */
final class ProducerState {
    static final int WINDOW = 5;
    private static final int ENTRY_BYTES = 4 + 4 + 8 + 8;

    /** A batch already appended: its sequences and offsets. */
    record Appended(int firstSequence, int lastSequence, long baseOffset, long lastOffset) {}

    private short epoch;
    private final Deque<Appended> window = new ArrayDeque<>(WINDOW);

    private ProducerState(short epoch) {
        this.epoch = epoch;
    }

    static ProducerState empty(short epoch) {
        return new ProducerState(epoch);
    }

    static ProducerState decode(ByteBuffer value) {
        ByteBuffer in = value.duplicate();
        ProducerState state = new ProducerState(in.getShort());
        int count = in.get();
        for (int i = 0; i < count; i++) {
            state.window.addLast(new Appended(in.getInt(), in.getInt(), in.getLong(), in.getLong()));
        }
        return state;
    }

    short epoch() {
        return epoch;
    }

    /** The last batch appended, or null when the epoch has none yet. */
    Appended last() {
        return window.peekLast();
    }

    int encodedSize() {
        return 2 + 1 + window.size() * ENTRY_BYTES;
    }

    void encode(ByteBuffer out) {
        out.putShort(epoch).put((byte) window.size());
        for (Appended appended : window) {
            out.putInt(appended.firstSequence)
                    .putInt(appended.lastSequence)
                    .putLong(appended.baseOffset)
                    .putLong(appended.lastOffset);
        }
    }

    /**
     * Checks an incoming batch against this state; returns the original batch if it is a duplicate, or null if
     * the batch may be appended.
     *
     * @param where "stream/shard", for messages
     * @param offset the offset the batch would get, for messages
     */
    Appended check(long producerId, short batchEpoch, int firstSequence, int lastSequence, String where, long offset) {
        if (batchEpoch < epoch) {
            throw new InvalidProducerEpochException("Epoch of producer " + producerId + " at offset " + offset + " in "
                    + where + " is " + batchEpoch + ", which is smaller than the last seen epoch " + epoch);
        }
        if (batchEpoch != epoch) {
            if (firstSequence != 0) {
                throw new OutOfOrderSequenceException("Invalid sequence number for new epoch of producer "
                        + producerId + " at offset " + offset + " in " + where + ": " + batchEpoch
                        + " (request epoch), " + firstSequence + " (seq. number), " + epoch
                        + " (current producer epoch)");
            }
            return null;
        }
        for (Appended appended : window) {
            if (appended.firstSequence == firstSequence && appended.lastSequence == lastSequence) {
                return appended;
            }
        }
        Appended last = window.peekLast();
        if (last != null && !inSequence(last.lastSequence, firstSequence)) {
            throw new OutOfOrderSequenceException("Out of order sequence number for producer " + producerId
                    + " at offset " + offset + " in " + where + ": " + firstSequence + " (incoming seq. number), "
                    + last.lastSequence + " (current end sequence number)");
        }
        return null;
    }

    /** Records an appended batch, starting a fresh window if the epoch is new. */
    void record(short batchEpoch, Appended appended) {
        if (batchEpoch != epoch) {
            epoch = batchEpoch;
            window.clear();
        }
        if (window.size() == WINDOW) {
            window.removeFirst();
        }
        window.addLast(appended);
    }

    private static boolean inSequence(int lastSequence, int nextSequence) {
        return nextSequence == lastSequence + 1L || (nextSequence == 0 && lastSequence == Integer.MAX_VALUE);
    }
}
