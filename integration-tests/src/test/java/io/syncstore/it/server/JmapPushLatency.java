package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: the delay from an IMAP APPEND to the JMAP {@code StateChange} on an EventSource stream of
 * the same account, on the in-process server. Run after {@code mvn -B install -DskipTests}:
 * {@code mvn -B -f integration-tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.syncstore.it.server.JmapPushLatency -Dexec.args=500
 * -Dsyncstore.distribution=integration-tests/target/distribution/syncstore-distribution.tar.gz}
 */
public final class JmapPushLatency {
    /** Lines of the stream, each prefixed with the System.nanoTime() of its arrival. */
    private static final class TimedLines extends LinkedBlockingQueue<String> {
        @Override
        public boolean add(String line) {
            return super.add(System.nanoTime() + " " + line);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        Path folder = Files.createTempDirectory("jmap-push-latency");
        ServerHome home = ServerHome.unpack(folder);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
            jmap.session();
            TimedLines lines = new TimedLines();
            CompletableFuture<?> stream = jmap.eventSource(lines);
            long[] delays = new long[rounds];
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.append("INBOX", message(-1));
                awaitStateChange(lines, 10);
                for (int round = 0; round < rounds; round++) {
                    Thread.sleep(20);
                    lines.clear();
                    long sent = System.nanoTime();
                    imap.append("INBOX", message(round));
                    delays[round] = awaitStateChange(lines, 5) - sent;
                }
            } finally {
                stream.cancel(true);
            }
            Arrays.sort(delays);
            String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min), load before: " + loadBefore;
            System.out.printf("APPEND -> EventSource StateChange over %d rounds: p50 %.1f ms, p99 %.1f ms, max %.1f ms; load average %s%n",
                rounds, delays[rounds / 2] / 1e6, delays[rounds * 99 / 100] / 1e6, delays[rounds - 1] / 1e6, load);
        }
        System.exit(0);
    }

    private static long awaitStateChange(TimedLines lines, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String line;
        while ((line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            int space = line.indexOf(' ');
            if (line.substring(space + 1).startsWith("data:") && line.contains("StateChange")) {
                return Long.parseLong(line.substring(0, space));
            }
        }
        throw new IllegalStateException("No StateChange within " + seconds + " s");
    }

    private static String message(int round) {
        return "From: bob@remote.example\r\nTo: " + ALICE + "\r\nSubject: round " + round + "\r\n\r\nPush latency.\r\n";
    }

    private JmapPushLatency() {
    }
}
