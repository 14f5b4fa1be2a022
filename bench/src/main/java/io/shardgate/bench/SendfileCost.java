package io.shardgate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What {@code sendfile} saves on this machine (ADR 0006): the sending thread's CPU time (user and system) per GiB sent
 * over loopback from a page-cached file, either with {@link FileChannel#transferTo} (sendfile) per chunk, or copied
 * from a read-only map of the file into a direct buffer and written (the gateway's fetch path before ADR 0006), for
 * 16 KiB chunks (a producer's default batch) and 256 KiB chunks. A second thread drains the socket. Each mode runs
 * twice, alternating.
 *
 * <pre>java -cp bench/target/classes io.shardgate.bench.SendfileCost [file, default $TMPDIR/sendfile-cost.bin]</pre>
 */
public final class SendfileCost {
    private static final long FILE_BYTES = 256L << 20;
    private static final int ROUNDS = 4;

    private SendfileCost() {}

    public static void main(String[] args) throws Exception {
        Path path =
                args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"), "sendfile-cost.bin");
        if (!Files.exists(path) || Files.size(path) != FILE_BYTES) {
            try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer block = ByteBuffer.allocate(1 << 20);
                for (long written = 0; written < FILE_BYTES; written += block.capacity()) {
                    block.clear();
                    out.write(block);
                }
            }
        }
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer map = file.map(FileChannel.MapMode.READ_ONLY, 0, FILE_BYTES);
            for (int pass = 0; pass < 2; pass++) {
                for (boolean sendfile : new boolean[] {false, true}) {
                    for (int chunk : new int[] {16 << 10, 256 << 10}) {
                        run(file, map, sendfile, chunk);
                    }
                }
            }
        }
    }

    private static void run(FileChannel file, MappedByteBuffer map, boolean sendfile, int chunk)
            throws IOException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Thread drain = new Thread(() -> {
                try (SocketChannel in = SocketChannel.open(server.getLocalAddress())) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
                    while (in.read(buffer) >= 0) {
                        buffer.clear();
                    }
                } catch (IOException e) {
                    // the sender closed
                }
            });
            drain.start();
            long bytes = 0;
            long cpu;
            long wall;
            try (SocketChannel out = server.accept()) {
                ByteBuffer direct = ByteBuffer.allocateDirect(chunk);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (int round = 0; round < ROUNDS; round++) {
                    for (long position = 0; position < FILE_BYTES; position += chunk) {
                        if (sendfile) {
                            long sent = 0;
                            while (sent < chunk) {
                                sent += file.transferTo(position + sent, chunk - sent, out);
                            }
                        } else {
                            direct.clear();
                            direct.put(map.duplicate().position((int) position).limit((int) position + chunk));
                            direct.flip();
                            while (direct.hasRemaining()) {
                                out.write(direct);
                            }
                        }
                        bytes += chunk;
                    }
                }
                cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                wall = System.nanoTime() - wallStart;
            }
            drain.join();
            System.out.printf(
                    Locale.ROOT,
                    "%-8s chunk %3d KiB: sender CPU %.2f s/GiB, %.0f MiB/s%n",
                    sendfile ? "sendfile" : "copy",
                    chunk >> 10,
                    cpu / 1e9 / (bytes / (double) (1L << 30)),
                    bytes / 1048576.0 / (wall / 1e9));
        }
    }
}
