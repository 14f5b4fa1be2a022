package io.shardgate.store.lmdb;

import static io.shardgate.store.TestBatches.assertSameBatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.shardgate.store.ReadResult;
import io.shardgate.store.ShardRef;
import io.shardgate.store.StoredBatch;
import io.shardgate.store.TestBatches;

/**
 * Kills a child JVM that appends continuously with SIGKILL at random moments, many times over the same data
 * directory, and proves after each kill that every batch the child saw acknowledged is stored byte for byte at
 * its acknowledged offsets, with no gap in any shard's offsets (DESIGN.md D10).
 */
class CrashTest {
    private static final int CYCLES = 20;

    @TempDir
    Path dir;

    record Ack(int shard, long base, long last, long seed) {}

    @ParameterizedTest
    @EnumSource(Durability.class)
    void shouldKeepEveryAcknowledgedBatchThroughKillNine(Durability durability) throws Exception {
        Random random = new Random(durability.ordinal() * 7919L + 17);
        List<Ack> acknowledged = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            // Given a child appending for a random while
            Process child = startChild(durability, cycle * 10_000_000L);
            ChildOutput output = new ChildOutput(child);
            output.awaitReady();
            Thread.sleep(50 + random.nextInt(400));

            // When it is killed
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<Ack> acks = parse(output.text.get(30, TimeUnit.SECONDS));
            acknowledged.addAll(acks);

            // Then everything acknowledged so far is there
            verify(acknowledged, durability, cycle, acks.size());
        }
        assertThat(acknowledged).as("the children must have appended something").hasSizeGreaterThan(CYCLES);
        System.out.printf(
                "CrashTest %s: %d kills, %d acknowledged batches verified byte for byte%n",
                durability, CYCLES, acknowledged.size());
    }

    private void verify(List<Ack> acknowledged, Durability durability, int cycle, int newAcks) throws Exception {
        try (LmdbShardStore store =
                LmdbShardStore.open(LmdbStoreConfig.defaults(dir).withDurability(durability))) {
            Map<Integer, Map<Long, StoredBatch>> stored = new HashMap<>();
            for (int shard = 0; shard < CrashAppender.SHARDS; shard++) {
                ShardRef ref = new ShardRef(CrashAppender.STREAM, shard);
                ReadResult all = store.read(ref, 0, Integer.MAX_VALUE)
                        .toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                List<Long> offsets = TestBatches.offsets(all.records());
                for (int i = 0; i < offsets.size(); i++) {
                    if (offsets.get(i) != i) {
                        throw new AssertionError("cycle " + cycle + ": shard " + shard + " has a gap at offset " + i);
                    }
                }
                assertThat((long) offsets.size()).isEqualTo(all.highWatermark());
                Map<Long, StoredBatch> byBase = new HashMap<>();
                for (StoredBatch batch : all.batches()) {
                    byBase.put(batch.baseOffset(), batch);
                }
                stored.put(shard, byBase);
            }
            for (Ack ack : acknowledged) {
                StoredBatch batch = stored.get(ack.shard).get(ack.base);
                if (batch == null) {
                    throw new AssertionError("cycle " + cycle + " (" + newAcks + " new acks): acknowledged batch " + ack
                            + " is missing after kill -9");
                }
                assertThat(batch.lastOffset()).isEqualTo(ack.last);
                assertSameBatch(batch.data(), CrashAppender.batchFor(ack.seed));
            }
        }
    }

    private Process startChild(Durability durability, long seedBase) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashAppender.class.getName(),
                dir.toString(),
                durability.name(),
                Long.toString(seedBase)));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Reads everything the child prints, noting when it says READY. */
    private static final class ChildOutput {
        final CompletableFuture<String> text;
        private final Process child;
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

        ChildOutput(Process child) {
            this.child = child;
            this.text = CompletableFuture.supplyAsync(this::readAll);
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ready.await(10, TimeUnit.MILLISECONDS)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    child.destroyForcibly();
                    throw new AssertionError("the child did not become ready: " + text.get(10, TimeUnit.SECONDS));
                }
            }
        }

        private String readAll() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (var in = child.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                    if (ready.getCount() > 0
                            && all.toString(StandardCharsets.UTF_8).contains("READY\n")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child is killed; what was read is what counts
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    /** Complete ACK lines only: the kill may cut the last line. */
    private static List<Ack> parse(String output) {
        List<Ack> acks = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 6 && parts[0].equals("ACK") && parts[5].equals("END")) {
                acks.add(new Ack(
                        Integer.parseInt(parts[1]),
                        Long.parseLong(parts[2]),
                        Long.parseLong(parts[3]),
                        Long.parseLong(parts[4])));
            } else if (line.startsWith("FAIL")) {
                throw new AssertionError("the child saw an append fail: " + line);
            }
        }
        return acks;
    }
}
