package io.syncstore.it.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the IDLE workload's push latency on this machine: no IMAP server, only what any server must do for
 * a change, one short line written to each of N loopback connections by as many writer threads as the machine has
 * cores, read exactly as {@link PushLoad}'s sessions are read ({@link SessionLines}). Whatever a server adds to
 * these numbers is its own cost (docs/benchmarks.md, section 6). With a fourth argument, a folder, each round first
 * makes one durable write there (4 KiB appended to a file, then fdatasync), as a server must before it tells anyone of
 * a change: the floor under a change that is not lost by a crash.
 *
 * <p>{@code java -cp CLASSES io.syncstore.it.load.PushFloor [sessions=1000] [rounds=100] [warmup=30] [folder]}</p>
 */
public final class PushFloor {
    private static final byte[] LINE = "* 1234 EXISTS\r\n".getBytes(StandardCharsets.US_ASCII);

    private PushFloor() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int writers = Runtime.getRuntime().availableProcessors();
        Path durable = args.length > 3 ? Files.createTempFile(Path.of(args[3]), "push-floor", ".log") : null;
        List<SocketChannel> serverSides = new ArrayList<>();
        List<SocketChannel> clientSides = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), sessions);
            for (int i = 0; i < sessions; i++) {
                clientSides.add(SocketChannel.open(listener.getLocalAddress()));
                SocketChannel accepted = listener.accept();
                accepted.socket().setTcpNoDelay(true);
                serverSides.add(accepted);
            }
        }
        Latencies latencies = new Latencies();
        SessionLines lines = new SessionLines(clientSides, (index, line) -> {
            PushRound r = current;
            if (r != null) {
                r.arrive(index);
            }
        });
        ExecutorService writing = Executors.newFixedThreadPool(writers);
        FileChannel log = durable == null ? null : FileChannel.open(durable, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        for (int round = 0; round < warmup + rounds; round++) {
            PushRound r = new PushRound(sessions);
            current = r;
            if (log != null) {
                log.write(ByteBuffer.allocate(4096));
                log.force(false);
            }
            writeAll(serverSides, writing, writers);
            if (!r.all.await(5, TimeUnit.SECONDS)) {
                throw new IOException("a reader did not hear within 5 s");
            }
            if (round >= warmup) {
                for (long latency : r.latency) {
                    latencies.record("DELIVERED", latency);
                }
            }
            Thread.sleep(20);
        }
        Latencies.Series delivered = latencies.series().get("DELIVERED");
        System.out.printf("floor: sessions=%d rounds=%d writers=%d durable=%s p50=%.1f ms p99=%.1f ms max=%.1f ms%n", sessions,
            rounds, writers, log != null, delivered.percentileMillis(50), delivered.percentileMillis(99),
            delivered.percentileMillis(100));
        if (log != null) {
            log.close();
            Files.delete(durable);
        }
        writing.shutdown();
        lines.close();
        for (SocketChannel channel : clientSides) {
            channel.close();
        }
        for (SocketChannel channel : serverSides) {
            channel.close();
        }
    }

    private static volatile PushRound current;

    private static void writeAll(List<SocketChannel> channels, ExecutorService writing, int writers) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int first = w;
            done.add(writing.submit(() -> {
                for (int i = first; i < channels.size(); i += writers) {
                    channels.get(i).write(ByteBuffer.wrap(LINE));
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
    }
}
