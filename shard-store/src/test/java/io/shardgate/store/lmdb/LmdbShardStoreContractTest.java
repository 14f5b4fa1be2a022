package io.shardgate.store.lmdb;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.AbstractShardStoreContractTest;
import io.shardgate.store.ShardStore;

class LmdbShardStoreContractTest extends AbstractShardStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected ShardStore openStore(Clock clock) throws Exception {
        // Retention runs only when the test asks for it.
        return LmdbShardStore.open(
                LmdbStoreConfig.defaults(dir).withRetentionCheckIntervalMs(3_600_000), StoreListener.NONE, clock);
    }

    @Override
    protected void runRetention(ShardStore store) {
        ((LmdbShardStore) store).runRetention();
    }
}
