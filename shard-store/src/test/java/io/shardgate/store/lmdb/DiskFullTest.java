package io.shardgate.store.lmdb;

import static io.shardgate.store.TestBatches.assertSameBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shardgate.store.AppendResult;
import io.shardgate.store.NewStream;
import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StoreIoException;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.TestBatches;

/**
 * A full disk fails appends with {@link StoreIoException}, never crashes the store or loses what was
 * acknowledged. Needs a small file system: it mounts a 4 MiB tmpfs, so it runs as root and is skipped elsewhere.
 */
class DiskFullTest {
    @TempDir
    Path temp;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createDirectories(temp.resolve("small"));
        Process process;
        try {
            process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            process = null;
        }
        mounted = process != null && process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldFailAppendsWithATypedErrorWhenTheDiskIsFullAndKeepWhatWasAcknowledged() throws Exception {
        LmdbStoreConfig config = LmdbStoreConfig.defaults(mount.resolve("data")).withInitialMapSizeBytes(1 << 20);
        List<AppendResult> acknowledged = new ArrayList<>();
        List<ByteBuffer> sent = new ArrayList<>();
        Throwable failure = null;
        ShardRef ref = new ShardRef("full", 0);
        try (LmdbShardStore store = LmdbShardStore.open(config)) {
            store.createStream(NewStream.uniform("full", StreamOrigin.KAFKA, StreamSettings.defaults(), 1))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            // When appending 16 KiB batches until the disk is full
            for (int i = 0; i < 1000 && failure == null; i++) {
                ByteBuffer batch = TestBatches.random(i, 16, 1000);
                try {
                    acknowledged.add(
                            store.append(ref, batch).toCompletableFuture().get(10, TimeUnit.SECONDS));
                    sent.add(batch);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            }

            // Then the failure is typed, later appends fail the same way, and reads still work
            assertThat(failure).isInstanceOf(StoreIoException.class);
            assertThat(acknowledged).hasSizeGreaterThan(10);
            Throwable again = catchFailure(store, ref);
            assertThat(again).isInstanceOf(StoreIoException.class);
            verify(store, ref, acknowledged, sent);
        }

        // And after a restart everything acknowledged is there, offsets dense
        try (LmdbShardStore reopened = LmdbShardStore.open(config)) {
            verify(reopened, ref, acknowledged, sent);
            assertThat(reopened.offsets(ref).toCompletableFuture().get().highWatermark())
                    .isEqualTo(acknowledged.get(acknowledged.size() - 1).lastOffset() + 1);
        }
    }

    private static Throwable catchFailure(LmdbShardStore store, ShardRef ref) throws Exception {
        try {
            store.append(ref, TestBatches.random(99_999, 16, 1000))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void verify(LmdbShardStore store, ShardRef ref, List<AppendResult> acks, List<ByteBuffer> sent)
            throws Exception {
        ReadResult all =
                store.read(ref, 0, Integer.MAX_VALUE).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(all.batches()).hasSize(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            assertThat(all.batches().get(i).baseOffset()).isEqualTo(acks.get(i).baseOffset());
            assertSameBatch(all.batches().get(i).data(), sent.get(i));
        }
    }
}
