package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Turns Netty's leak reports about {@link ByteBuf}s into test failures. Netty reports a leak only as an ERROR log line
 * ("LEAK: ByteBuf.release() was not called…"), when the garbage collector has collected a buffer that was never
 * released and a later allocation polls the detector's reference queue, so a leak never fails a build by itself.
 * This class registers a {@link ResourceLeakDetector.LeakListener} on the detector every {@code ByteBuf} of this JVM
 * reports to (the package-private {@code AbstractByteBuf.leakDetector}, reached by reflection because it is created
 * in a static initializer that other tests may already have run), and {@link #assertNone()} forces collections and
 * allocations until pending reports have surfaced.
 *
 * <p>Detection needs every buffer tracked: the Failsafe run sets {@code -Dio.netty.leakDetection.level=paranoid}, and
 * {@link #install()} sets that level if it is lower. {@link #leakCanary()} proves detection works in this JVM.
 * Leaks of buffers that are still reachable (held by an open connection) are not leaks yet and are not seen.
 */
final class NettyLeaks {

    /** A hint on the deliberately leaked buffer of {@link #leakCanary()}, which {@link #assertNone()} ignores. */
    static final String CANARY = "shardgate-it-leak-canary";

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static boolean installed;

    private NettyLeaks() {}

    /** Turns tracking of every buffer on (Failsafe already does) and registers the listener, once per JVM. */
    static synchronized void install() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            // e.g. Surefire running the ITs when -Dtest overrides its includes; the level is read per allocation
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        if (installed) {
            return;
        }
        byteBufDetector().setLeakListener((resourceType, records) -> LEAKS.add(resourceType + ": " + records));
        installed = true;
    }

    /** Fails with Netty's records (where the buffer was allocated and last touched) if any buffer leaked. */
    static void assertNone() {
        surface();
        List<String> leaks = drain();
        leaks.removeIf(leak -> leak.contains(CANARY));
        assertThat(leaks).as("leaked Netty buffers").isEmpty();
    }

    /** Leaks one buffer on purpose and reports whether the detector saw it: proves {@link #assertNone()} can fail. */
    static boolean leakCanary() {
        leakOne();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            surface();
            if (LEAKS.stream().anyMatch(leak -> leak.contains(CANARY))) {
                return true;
            }
        }
        return false;
    }

    private static void leakOne() {
        ByteBufAllocator.DEFAULT.buffer(64).writeLong(42L).touch(CANARY);
    }

    /** Collects garbage and allocates so that the detector polls its queue of collected, unreleased buffers. */
    private static void surface() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 8; i++) {
                ByteBufAllocator.DEFAULT.buffer(8).release();
            }
        }
    }

    private static List<String> drain() {
        List<String> leaks = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            leaks.add(leak);
        }
        return leaks;
    }

    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufDetector() {
        try {
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Netty's ByteBuf leak detector is not where this Netty version keeps it", e);
        }
    }
}
