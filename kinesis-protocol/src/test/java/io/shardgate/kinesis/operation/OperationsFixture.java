package io.shardgate.kinesis.operation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.model.CreateStreamInput;
import io.shardgate.kinesis.model.GetShardIteratorInput;
import io.shardgate.kinesis.model.PutRecordInput;
import io.shardgate.store.MutableClock;
import io.shardgate.store.lmdb.LmdbShardStore;
import io.shardgate.store.lmdb.LmdbStoreConfig;
import io.shardgate.store.lmdb.StoreListener;

/**
 * What the operation tests share: a real LMDB store in a temporary directory with a settable clock, the services the
 * operations run on (region eu-west-1, account {@link #ACCOUNT}, no status delay), and helpers that call operations
 * and wait for them.
 */
abstract class OperationsFixture {

    static final String ACCOUNT = "123456789012";

    @TempDir
    Path dataDir;

    final MutableClock clock =
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    LmdbShardStore store;
    ScheduledExecutorService loop;
    KinesisServices services;
    RequestContext context;

    @BeforeEach
    void startStore() throws Exception {
        store = LmdbShardStore.open(LmdbStoreConfig.defaults(dataDir), StoreListener.NONE, clock);
        loop = Executors.newSingleThreadScheduledExecutor();
        context = new RequestContext("request", loop);
        services = services(0);
    }

    @AfterEach
    void stopStore() {
        loop.shutdownNow();
        store.close();
    }

    KinesisServices services(long statusDelayMs) {
        return new KinesisServices(
                store,
                new ShardIterators(new byte[32], clock),
                clock,
                new KinesisListenerConfig("127.0.0.1", 0, "eu-west-1", ACCOUNT, 8 << 20, statusDelayMs));
    }

    void create(String name, int shards) throws Exception {
        call(() -> new CreateStreamOperation(services)
                .execute(new CreateStreamInput(name, shards, null, null, null, null), context));
    }

    String iterator(String stream, String shardId, String type) throws Exception {
        return call(() -> new GetShardIteratorOperation(services)
                        .execute(new GetShardIteratorInput(stream, shardId, type, null, null, null, null), context))
                .shardIterator();
    }

    static PutRecordInput put(String stream, String key, String value) {
        return new PutRecordInput(stream, value.getBytes(StandardCharsets.UTF_8), key, null, null, null, null);
    }

    static <O> O call(Supplier<? extends CompletionStage<O>> operation) throws Exception {
        return operation.get().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The Kinesis error a call fails with, whether it throws at once or completes exceptionally. */
    static KinesisException failure(Supplier<? extends CompletionStage<?>> operation) {
        try {
            operation.get().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return KinesisErrors.toKinesis(e.getCause());
        } catch (RuntimeException e) {
            return KinesisErrors.toKinesis(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }
}
