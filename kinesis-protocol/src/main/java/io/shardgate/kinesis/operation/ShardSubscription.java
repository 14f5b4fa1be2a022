package io.shardgate.kinesis.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.eventstream.EventSink;
import io.shardgate.kinesis.eventstream.EventStreamMessages;
import io.shardgate.kinesis.eventstream.EventStreamOutput;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.KinesisRecords;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.kinesis.mapping.ShardViews;
import io.shardgate.kinesis.model.ChildShard;
import io.shardgate.kinesis.model.Record;
import io.shardgate.kinesis.model.SubscribeToShardEvent;
import io.shardgate.store.OffsetOutOfRangeException;
import io.shardgate.store.ReadResult;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardOffsets;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.Stream;

/**
 * One SubscribeToShard subscription: pushes {@code SubscribeToShardEvent}s from its position until the lifetime ends
 * the stream cleanly, the shard's end is reached (an event with {@code ChildShards}, then the end), or something fails
 * (an exception event, then the end). Paced as ADR 0011 says:
 *
 * <ul>
 *   <li>one store read at a time, of at most {@value #EVENT_MAX_RECORDS} records and {@value #EVENT_MAX_BYTES} bytes
 *       (one event), and only while the sink is writable; a slow subscriber stops the reads, so at most one event
 *       waits in the gateway besides what HTTP/2 flow control lets through;
 *   <li>caught up, it waits on the shard's "appended" signal ({@code ShardStore#awaitAppend}), never polls;
 *   <li>while it waits, an empty event every {@value #HEARTBEAT_MS} ms carries the continuation and keeps the
 *       subscriber's read timeouts quiet; at that beat it also checks that the stream and the consumer still exist;
 *   <li>on a stream with budgets (the Kinesis limits profiles, D8) the records' bytes are charged to the consumer's
 *       2 MiB/s on the shard, and after an event that leaves that budget in debt the next read waits until it is
 *       paid off (enhanced fan-out is not refused, it is paced).
 * </ul>
 *
 * Every method runs on the sink's event loop; store calls hop back to it.
 */
final class ShardSubscription implements EventStreamOutput {
    private static final Logger LOGGER = LoggerFactory.getLogger(ShardSubscription.class);

    /** The most records one event carries (GetRecords' limit). */
    static final int EVENT_MAX_RECORDS = 10_000;

    /** The most record data (and partition keys) one event carries: a second of a consumer's 2 MiB/s shard budget. */
    static final int EVENT_MAX_BYTES = 2 * 1024 * 1024;

    /** How often an idle subscription sends an empty event. */
    static final long HEARTBEAT_MS = 5_000;

    /** The event type of SubscribeToShardEventStream's one event member. */
    static final String EVENT_TYPE = "SubscribeToShardEvent";

    private final KinesisServices services;
    private final Subscriptions<ShardSubscription> registry;
    private final String key;
    private final String streamName;
    private final int shardIndex;
    private final Consumers.Registered consumer;
    private final long lifetimeMs;
    private long next;

    private EventSink sink;
    private boolean ended;
    private boolean reading;
    private CompletableFuture<Void> waiting;
    private ScheduledFuture<?> lifetime;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> paced;
    private long lastSentNanos;

    ShardSubscription(
            KinesisServices services,
            Subscriptions<ShardSubscription> registry,
            String key,
            String streamName,
            int shardIndex,
            Consumers.Registered consumer) {
        this.services = services;
        this.registry = registry;
        this.key = key;
        this.streamName = streamName;
        this.shardIndex = shardIndex;
        this.consumer = consumer;
        this.lifetimeMs = services.config().subscriptionLifetimeMs();
    }

    /** Where the first event starts; set once the operation found it, before {@link #start}. */
    void startAt(long offset) {
        this.next = offset;
    }

    @Override
    public void start(EventSink eventSink) {
        this.sink = eventSink;
        if (ended) {
            eventSink.end();
            return;
        }
        send(EventStreamMessages.initialResponse(sink.format()));
        lifetime = sink.executor().schedule(() -> finish(true), lifetimeMs, TimeUnit.MILLISECONDS);
        heartbeat =
                sink.executor().scheduleWithFixedDelay(this::beat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        pump();
    }

    @Override
    public void writable() {
        pump();
    }

    @Override
    public void cancel() {
        finish(false);
    }

    /** The offset the next event starts at. */
    long position() {
        return next;
    }

    private void pump() {
        if (ended || reading || waiting != null || paced != null || sink == null || !sink.isWritable()) {
            return;
        }
        Stream stream;
        try {
            stream = check();
        } catch (KinesisException e) {
            fail(e);
            return;
        }
        ShardRef ref = new ShardRef(streamName, shardIndex);
        reading = true;
        long from = next;
        services.store()
                .offsets(ref)
                .thenCompose(offsets -> read(ref, Math.max(from, offsets.logStartOffset()), offsets))
                .whenComplete((read, failure) -> sink.executor().execute(() -> {
                    reading = false;
                    if (!ended) {
                        onRead(stream, read, failure);
                    }
                }));
    }

    /** What one read found: where it started, the shard's offsets then, and the batches (none at the tip). */
    private record Read(long from, ShardOffsets offsets, ReadResult result) {}

    private CompletionStage<Read> read(ShardRef ref, long from, ShardOffsets offsets) {
        if (from >= offsets.highWatermark()) {
            return CompletableFuture.completedFuture(new Read(from, offsets, null));
        }
        return services.store().read(ref, from, EVENT_MAX_BYTES).thenApply(result -> new Read(from, offsets, result));
    }

    private void onRead(Stream stream, Read read, Throwable failure) {
        if (failure != null) {
            if (KinesisErrors.unwrap(failure) instanceof OffsetOutOfRangeException) {
                pump(); // retention moved the trim horizon under the read: read again from it
                return;
            }
            fail(KinesisErrors.toKinesis(failure));
            return;
        }
        List<KinesisRecords.Incoming> incoming = new ArrayList<>();
        long after = read.from();
        long behind = 0;
        if (read.result() != null) {
            KinesisRecords.ReadBudget budget = new KinesisRecords.ReadBudget(EVENT_MAX_RECORDS, EVENT_MAX_BYTES);
            long nextBatchAppendTime = 0;
            for (StoredBatch batch : read.result().batches()) {
                after = KinesisRecords.read(batch, after, budget, incoming);
                nextBatchAppendTime = batch.appendTimeMs();
                if (budget.exhausted()) {
                    break;
                }
            }
            behind = after >= read.result().highWatermark()
                    ? 0
                    : Math.max(0, services.clock().millis() - nextBatchAppendTime);
        }
        boolean moved = after != next;
        next = after;
        Stream current = services.store().stream(streamName).orElse(stream);
        Shard shard = current.shard(shardIndex);
        boolean atEnd = !shard.isOpen()
                && shard.endOffset().isPresent()
                && next
                        >= Math.min(
                                shard.endOffset().getAsLong(), read.offsets().highWatermark());
        if (!incoming.isEmpty() || atEnd) {
            sendEvent(
                    shard,
                    GetRecordsOperation.records(shard, incoming),
                    behind,
                    atEnd ? ShardViews.children(current, shard) : null);
            if (atEnd) {
                finish(true);
            } else {
                pace(current, incoming);
            }
            return;
        }
        if (moved) {
            pump(); // only batches Kinesis readers do not see (control batches): go on reading
            return;
        }
        CompletableFuture<Void> signal = services.store().awaitAppend(new ShardRef(streamName, shardIndex), next);
        waiting = signal;
        signal.whenComplete((done, error) -> sink.executor().execute(() -> {
            if (waiting == signal) {
                waiting = null;
                pump();
            }
        }));
    }

    /** The budget of one consumer on one shard. */
    private record ConsumerShard(java.util.UUID streamId, String consumer, long registeredAtMs, int shard) {}

    /** Reads on at once, or once the consumer's budget on the shard has paid for the records just sent. */
    private void pace(Stream stream, List<KinesisRecords.Incoming> sent) {
        if (!io.shardgate.store.limits.Limits.budgeted(stream)) {
            pump();
            return;
        }
        long bytes = Throttling.readBytes(sent);
        long waitNanos = services.limits()
                .pace(
                        new ConsumerShard(stream.id(), consumer.name(), consumer.createdAtMs(), shardIndex),
                        io.shardgate.store.limits.KinesisQuotas.SUBSCRIPTION_BYTES_PER_SECOND,
                        bytes);
        if (waitNanos <= 0) {
            pump();
            return;
        }
        paced = sink.executor()
                .schedule(
                        () -> {
                            paced = null;
                            pump();
                        },
                        waitNanos,
                        TimeUnit.NANOSECONDS);
    }

    /** The idle beat: an empty event while waiting for records, and a check that the subscription may go on. */
    private void beat() {
        if (ended) {
            return;
        }
        Stream stream;
        try {
            stream = check();
        } catch (KinesisException e) {
            fail(e);
            return;
        }
        boolean idle = System.nanoTime() - lastSentNanos >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS) - 50_000_000L;
        if (waiting != null && idle && sink.isWritable()) {
            sendEvent(stream.shard(shardIndex), List.of(), 0, null);
        }
    }

    /**
     * The stream as the catalog has it now, if the subscription may go on: its stream still takes reads and its
     * consumer is still the {@code ACTIVE} one it started with.
     */
    private Stream check() {
        Stream stream = services.store().stream(streamName)
                .filter(found -> Streams.USABLE.contains(found.settings().status()))
                .orElseThrow(() -> Streams.notFound(services, streamName));
        boolean registered = Consumers.find(stream, consumer.name())
                .filter(found -> found.createdAtMs() == consumer.createdAtMs()
                        && found.status().equals(Consumers.ACTIVE))
                .isPresent();
        if (!registered || shardIndex >= stream.shards().size()) {
            throw Consumers.notFound(services, streamName, consumer.name());
        }
        return stream;
    }

    /**
     * One event. The last event of a closed shard carries its {@code ChildShards} and no
     * {@code ContinuationSequenceNumber}: that is how AWS marks a shard's end, and the KCL rejects an end event that has
     * both (its {@code DataRetrievalUtil.isValidResult}), as it rejects a GetRecords result at shard end that still has
     * a {@code NextShardIterator}.
     */
    private void sendEvent(Shard shard, List<Record> records, long behind, List<ChildShard> children) {
        String continuation = children == null ? SequenceNumbers.continuation(shard, next) : null;
        SubscribeToShardEvent event = new SubscribeToShardEvent(records, continuation, behind, children);
        send(EventStreamMessages.event(sink.format(), EVENT_TYPE, event));
    }

    private void send(byte[] message) {
        lastSentNanos = System.nanoTime();
        sink.send(message);
    }

    /** Sends the failure as an exception event, as AWS does mid-stream, and ends the stream. */
    private void fail(KinesisException error) {
        if (error.error().httpStatus() >= 500) {
            LOGGER.warn("subscription {} failed", key, error);
        }
        send(EventStreamMessages.exception(sink.format(), exceptionType(error.error()), error.getMessage()));
        finish(true);
    }

    /** The members of SubscribeToShardEventStream are named after the exception shapes. */
    static String exceptionType(KinesisError error) {
        return switch (error) {
            case RESOURCE_NOT_FOUND, RESOURCE_IN_USE -> error.wireName();
            case KMS_DISABLED,
                    KMS_INVALID_STATE,
                    KMS_ACCESS_DENIED,
                    KMS_NOT_FOUND,
                    KMS_OPT_IN_REQUIRED,
                    KMS_THROTTLING -> error.wireName();
            default -> "InternalFailureException";
        };
    }

    private void finish(boolean endResponse) {
        if (ended) {
            return;
        }
        ended = true;
        registry.remove(key, this);
        if (lifetime != null) {
            lifetime.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (paced != null) {
            paced.cancel(false);
        }
        CompletableFuture<Void> signal = waiting;
        waiting = null;
        if (signal != null) {
            signal.cancel(false);
        }
        if (endResponse && sink != null) {
            sink.end();
        }
    }
}
