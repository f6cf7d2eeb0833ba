package io.syncstore.imap.notify.benchmark;

import static org.apache.james.data.UsersRepositoryModuleChooser.Implementation.DEFAULT;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.commons.io.FileUtils;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.utils.DataProbeImpl;

/**
 * NOTIFY versus IDLE under load, on an in-process James 3.8.1 memory server with {@code SyncStoreImapPackage} (the test
 * resources' imapserver.xml). Not a test: run it with the command in docs/notify.md.
 *
 * <p>For each session count N, two phases in the same JVM, each with its own user:
 * <ul>
 *   <li>NOTIFY: N sessions with {@code Elsewhere} (an empty mailbox) selected and
 *       {@code NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))}; expected: {@code * STATUS "INBOX"}.</li>
 *   <li>IDLE: N sessions with INBOX selected, in IDLE; expected: {@code * n EXISTS} or {@code * 1 FETCH (FLAGS ..)}.</li>
 * </ul>
 * One writer connection of the same user alternately APPENDs to INBOX and toggles {@code \Seen} on message 1, and
 * waits until every session got the matching response (or {@code benchmark.roundTimeoutSeconds} passed: "missed")
 * before the next change. Latency is measured from just before the writer sends its command to the arrival of the
 * response at each session (so it includes the writer's command).
 * Heap is measured after full GCs: before the sessions, once they are logged in with their mailbox selected, and once
 * NOTIFY or IDLE is on; the per-session figures include this client's own socket objects (the same in both phases).</p>
 */
public final class NotifyLoadBenchmark {
    private static final String DOMAIN = "bench.test";
    private static final String PASSWORD = "secret";

    /** IDLE_EXAMINE: IDLE in a mailbox opened with EXAMINE, where no session claims \Recent (RecentClaims' share). */
    enum Mode { NOTIFY, IDLE, IDLE_EXAMINE }

    enum Change { APPEND, FLAG }

    /** Latencies of one kind of change in one phase, and how many expected responses never came. */
    private static final class Samples {
        private final List<Long> latencies = new ArrayList<>();
        private int missed;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sessionCounts = Arrays.stream(String.join(",", args.length == 0 ? new String[] {"100,1000"} : args).split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).collect(Collectors.toList());
        List<Mode> modes = Arrays.stream(System.getProperty("benchmark.modes", "NOTIFY,IDLE").split(","))
            .map(String::trim).map(Mode::valueOf).collect(Collectors.toList());
        int warmupRounds = Integer.getInteger("benchmark.warmup", 10);
        int rounds = Integer.getInteger("benchmark.rounds", 40);
        Duration roundTimeout = Duration.ofSeconds(Integer.getInteger("benchmark.roundTimeoutSeconds", 5));

        Path workingDirectory = Files.createTempDirectory("notify-benchmark");
        GuiceJamesServer server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
            .workingDirectory(workingDirectory.toFile())
            .configurationFromClasspath()
            .usersRepository(DEFAULT)
            .build());
        server.start();
        List<String> report = new ArrayList<>();
        try {
            server.getProbe(DataProbeImpl.class).addDomain(DOMAIN);
            int port = server.getProbe(ImapGuiceProbe.class).getImapPort();
            System.out.printf("cores=%d maxHeap=%dMiB warmup=%d rounds=%d roundTimeout=%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, warmupRounds, rounds, roundTimeout);
            // a small unreported pass first, so that lazily built server state does not count for the first phase
            for (Mode mode : modes) {
                runPhase(server, port, mode, Math.min(50, sessionCounts.get(0)), "warmup-", warmupRounds, 0, roundTimeout);
            }
            report.add("| N | mode | change | samples | missed | median ms | p99 ms | max ms | heap/session KiB | of which NOTIFY/IDLE KiB |");
            report.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (int sessions : sessionCounts) {
                for (Mode mode : modes) {
                    List<String> lines = runPhase(server, port, mode, sessions, "", warmupRounds, rounds, roundTimeout);
                    lines.forEach(System.out::println);
                    report.addAll(lines);
                }
            }
        } finally {
            server.stop();
            FileUtils.deleteQuietly(workingDirectory.toFile());
        }
        System.out.println();
        report.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> runPhase(GuiceJamesServer server, int port, Mode mode, int sessions, String userPrefix,
                                         int warmupRounds, int rounds, Duration roundTimeout) throws Exception {
        String user = userPrefix + mode.name().toLowerCase(Locale.US) + sessions + "@" + DOMAIN;
        server.getProbe(DataProbeImpl.class).addUser(user, PASSWORD);
        String selectedMailbox = mode == Mode.NOTIFY ? "Elsewhere" : "INBOX";

        // the appends come from a connection without INBOX selected, as delivered mail: stored \Recent, so that every
        // read-write session idling on INBOX takes part in claiming it (RecentClaims)
        try (Client writer = Client.connect(port, user); Client deliverer = Client.connect(port, user)) {
            writer.command("CREATE Elsewhere");
            writer.append("INBOX", "first");
            writer.command("SELECT INBOX");

            long heapBefore = usedHeap();
            List<Client> clients = new ArrayList<>();
            try {
                for (int i = 0; i < sessions; i++) {
                    Client client = Client.connect(port, user);
                    clients.add(client);
                    client.command((mode == Mode.IDLE_EXAMINE ? "EXAMINE " : "SELECT ") + selectedMailbox);
                }
                long heapLoggedIn = usedHeap();
                for (Client client : clients) {
                    if (mode == Mode.NOTIFY) {
                        client.command("NOTIFY SET (personal (MessageNew MessageExpunge FlagChange))");
                    } else {
                        client.startIdle();
                    }
                }
                long heapWatching = usedHeap();

                Map<Change, Samples> samples = new EnumMap<>(Change.class);
                try (Watchers watchers = new Watchers(clients)) {
                    int messages = 1;
                    int unseen = 1;
                    boolean seen = false;
                    for (int round = 0; round < warmupRounds + rounds; round++) {
                        Round current;
                        Change change = round % 2 == 0 ? Change.APPEND : Change.FLAG;
                        if (change == Change.APPEND) {
                            messages++;
                            unseen++;
                            current = watchers.start(mode == Mode.NOTIFY ? inboxStatus(messages, unseen) : exists(messages));
                            deliverer.append("INBOX", "message " + messages);
                        } else {
                            seen = !seen;
                            unseen += seen ? -1 : 1;
                            current = watchers.start(mode == Mode.NOTIFY ? inboxStatus(messages, unseen) : firstMessageSeen(seen));
                            writer.command("STORE 1 " + (seen ? "+" : "-") + "FLAGS (\\Seen)");
                        }
                        current.await(roundTimeout);
                        if (round >= warmupRounds) {
                            current.collect(samples.computeIfAbsent(change, any -> new Samples()));
                        }
                    }
                }
                return samples.entrySet().stream()
                    .map(entry -> summary(mode, sessions, entry.getKey(), entry.getValue(), heapBefore, heapLoggedIn, heapWatching))
                    .collect(Collectors.toList());
            } finally {
                for (Client client : clients) {
                    client.close();
                }
                Thread.sleep(2000); // let the server drop the closed sessions before the next phase
            }
        }
    }

    private static Predicate<String> inboxStatus(int messages, int unseen) {
        return line -> line.startsWith("* STATUS \"INBOX\" (") && line.contains("MESSAGES " + messages + " ")
            && line.contains("UNSEEN " + unseen + ")");
    }

    private static Predicate<String> exists(int messages) {
        return line -> line.equals("* " + messages + " EXISTS");
    }

    private static Predicate<String> firstMessageSeen(boolean seen) {
        return line -> line.startsWith("* 1 FETCH (FLAGS (") && line.contains("\\Seen") == seen;
    }

    private static String summary(Mode mode, int sessions, Change change, Samples samples,
                                  long heapBefore, long heapLoggedIn, long heapWatching) {
        long[] sorted = samples.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.US, "| %d | %s | %s | %d | %d | %s | %s | %s | %.1f | %.1f |",
            sessions, mode, change.name().toLowerCase(Locale.US), sorted.length, samples.missed,
            percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99), percentileMillis(sorted, 1.0),
            (heapWatching - heapBefore) / 1024.0 / sessions, (heapWatching - heapLoggedIn) / 1024.0 / sessions);
    }

    private static String percentileMillis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return String.format(Locale.US, "%.2f", sorted[Math.max(0, index)] / 1_000_000.0);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One change: which line each session waits for, and when it arrived. */
    private static final class Round {
        private final Predicate<String> expected;
        private final long startNanos = System.nanoTime();
        private final AtomicLongArray latencies;
        private final CountDownLatch done;

        private Round(Predicate<String> expected, int sessions) {
            this.expected = expected;
            this.latencies = new AtomicLongArray(sessions);
            this.done = new CountDownLatch(sessions);
        }

        private void onLine(int session, String line, long nowNanos) {
            if (latencies.get(session) == 0 && expected.test(line)
                && latencies.compareAndSet(session, 0, Math.max(1, nowNanos - startNanos))) {
                done.countDown();
            }
        }

        private void await(Duration timeout) throws InterruptedException {
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void collect(Samples samples) {
            for (int i = 0; i < latencies.length(); i++) {
                long latency = latencies.get(i);
                if (latency == 0) {
                    samples.missed++;
                } else {
                    samples.latencies.add(latency);
                }
            }
        }
    }

    /** Reads every session's responses on one thread and hands complete lines to the current round. */
    private static final class Watchers implements Closeable {
        private final Selector selector = Selector.open();
        private final List<Client> clients;
        private final Thread thread;
        private volatile Round round;
        private volatile boolean running = true;

        private Watchers(List<Client> clients) throws IOException {
            this.clients = clients;
            for (int i = 0; i < clients.size(); i++) {
                SocketChannel channel = clients.get(i).channel;
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, i);
            }
            thread = new Thread(this::readLoop, "benchmark-watchers");
            thread.start();
        }

        private Round start(Predicate<String> expected) {
            Round next = new Round(expected, clients.size());
            round = next;
            return next;
        }

        private void readLoop() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (running) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        int session = (Integer) key.attachment();
                        buffer.clear();
                        if (((SocketChannel) key.channel()).read(buffer) < 0) {
                            key.cancel();
                            continue;
                        }
                        long now = System.nanoTime();
                        buffer.flip();
                        Client client = clients.get(session);
                        client.receive(buffer);
                        for (String line = client.nextLine(); line != null; line = client.nextLine()) {
                            Round current = round;
                            if (current != null) {
                                current.onLine(session, line, now);
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        @Override
        public void close() throws IOException {
            running = false;
            selector.wakeup();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            selector.close();
        }
    }

    /** A minimal IMAP client; blocking until handed to {@link Watchers}. */
    private static final class Client implements Closeable {
        private final SocketChannel channel;
        private final StringBuilder received = new StringBuilder();
        private int tags;

        private Client(SocketChannel channel) {
            this.channel = channel;
        }

        static Client connect(int port, String user) throws IOException {
            Client client = new Client(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
            String greeting = client.readLine();
            if (!greeting.startsWith("* OK")) {
                throw new IOException("Unexpected greeting " + greeting);
            }
            client.command("LOGIN " + user + " " + PASSWORD);
            return client;
        }

        void command(String command) throws IOException {
            String tag = "b" + (++tags);
            write(tag + " " + command + "\r\n");
            expectOk(tag);
        }

        void append(String mailbox, String body) throws IOException {
            byte[] message = ("From: writer@" + DOMAIN + "\r\nSubject: " + body + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
            String tag = "b" + (++tags);
            write(tag + " APPEND " + mailbox + " {" + message.length + "}\r\n");
            String continuation = readLine();
            if (!continuation.startsWith("+")) {
                throw new IOException("APPEND refused: " + continuation);
            }
            write(new String(message, StandardCharsets.US_ASCII) + "\r\n");
            expectOk(tag);
        }

        void startIdle() throws IOException {
            write("i IDLE\r\n");
            String continuation = readLine();
            if (!continuation.startsWith("+")) {
                throw new IOException("IDLE refused: " + continuation);
            }
        }

        private void expectOk(String tag) throws IOException {
            while (true) {
                String line = readLine();
                if (line.startsWith(tag + " ")) {
                    if (!line.startsWith(tag + " OK")) {
                        throw new IOException(line);
                    }
                    return;
                }
            }
        }

        private void write(String data) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(data.getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        private String readLine() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            for (String line = nextLine(); ; line = nextLine()) {
                if (line != null) {
                    return line;
                }
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    throw new EOFException("Connection closed");
                }
                buffer.flip();
                receive(buffer);
            }
        }

        private void receive(ByteBuffer buffer) {
            while (buffer.hasRemaining()) {
                received.append((char) (buffer.get() & 0xff));
            }
        }

        private String nextLine() {
            int end = received.indexOf("\r\n");
            if (end < 0) {
                return null;
            }
            String line = received.substring(0, end);
            received.delete(0, end + 2);
            return line;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
