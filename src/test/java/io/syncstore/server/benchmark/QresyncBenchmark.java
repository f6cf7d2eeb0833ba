package io.syncstore.server.benchmark;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Flags;

import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.modules.MailboxProbeImpl;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.DataProbeImpl;

import io.syncstore.imap.RawImapClient;
import io.syncstore.server.SyncStoreJamesServerMain;
import io.syncstore.server.SyncStoreTestServer;

/**
 * Resynchronization after reconnect (QRESYNC) on a mailbox of N messages after 10 changes, on SyncStore's server in
 * this JVM: the change-log path (first IMAP server) against the fallback path that reads the whole mailbox (second
 * IMAP server, {@code qresync.useChangeLog=false}), on the same store, alternating, in the same run.
 *
 * <p>Timed from sending the command to reading its tagged OK, over loopback: {@code EXAMINE} without and with the
 * QRESYNC parameter (EXAMINE, so that no \Recent reset changes modseqs between rounds), and
 * {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE m VANISHED)} in an examined mailbox. Run with
 * {@code mvn -B -q test-compile exec:exec@qresync-benchmark [-Dqresync.benchmark.sizes=1000,10000,100000]}.</p>
 */
public final class QresyncBenchmark {
    private static final String DOMAIN = "bench.test";
    private static final String PASSWORD = "secret";
    private static final int WARMUP = 3;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 15);
    private static final Pattern HIGHEST = Pattern.compile("HIGHESTMODSEQ (\\d+)");
    private static final Pattern UIDVALIDITY = Pattern.compile("UIDVALIDITY (\\d+)");

    private QresyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("qresync-benchmark");
        File root = SyncStoreTestServer.withConfiguration(home.toFile());
        Path imapServer = home.resolve("conf/imapserver.xml");
        String xml = Files.readString(imapServer)
            .replace("<customProperties>notify.maxPending=5</customProperties>",
                "<customProperties>qresync.useChangeLog=false</customProperties>");
        Files.writeString(imapServer, xml);
        GuiceJamesServer server = SyncStoreJamesServerMain.createServer(Configuration.builder().workingDirectory(root).build());
        SyncStoreJamesServerMain.start(server, Configuration.builder().workingDirectory(root).build());
        try {
            server.getProbe(DataProbeImpl.class).addDomain(DOMAIN);
            int changeLogPort = server.getProbe(ImapGuiceProbe.class).getImapPort();
            int fallbackPort = server.getProbe(ImapGuiceProbe.class).getImapStartTLSPort();
            System.out.printf("%9s | %-38s | %12s %12s | %12s %12s | %6s%n", "messages", "command", "log p50 ms", "log p90 ms",
                "full p50 ms", "full p90 ms", "ratio");
            for (String size : (args.length > 0 ? args[0] : "1000,10000,100000").split(",")) {
                run(server, Integer.parseInt(size.trim()), changeLogPort, fallbackPort);
            }
        } finally {
            server.stop();
        }
    }

    private static void run(GuiceJamesServer server, int messages, int changeLogPort, int fallbackPort) throws Exception {
        String user = "user" + messages + "@" + DOMAIN;
        server.getProbe(DataProbeImpl.class).addUser(user, PASSWORD);
        long populating = System.nanoTime();
        populate(server, changeLogPort, user, messages);
        System.err.printf("populated %d messages in %d s%n", messages, (System.nanoTime() - populating) / 1_000_000_000);
        long uidValidity;
        long modSeq;
        try (RawImapClient deviceA = new RawImapClient(changeLogPort).login(user, PASSWORD)) {
            deviceA.command("SELECT INBOX"); // clears \Recent: that gives the messages new modseqs
            String status = String.join(" ", deviceA.command("STATUS INBOX (UIDVALIDITY HIGHESTMODSEQ)"));
            uidValidity = find(UIDVALIDITY, status);
            modSeq = find(HIGHEST, status);
        }
        try (RawImapClient deviceB = new RawImapClient(changeLogPort).login(user, PASSWORD)) {
            tenChanges(deviceB, messages);
            deviceB.command("CREATE Empty");
        }
        String qresync = "EXAMINE INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))";
        // what any EXAMINE costs on the machine at the moment, to read the row below against
        compare(messages, "EXAMINE Empty (reference)", user, changeLogPort, fallbackPort, null, "EXAMINE Empty");
        compare(messages, "EXAMINE INBOX", user, changeLogPort, fallbackPort, null, "EXAMINE INBOX");
        compare(messages, "EXAMINE INBOX (QRESYNC (uv modseq))", user, changeLogPort, fallbackPort, null, qresync);
        compare(messages, "UID FETCH 1:* (FLAGS) (CHANGEDSINCE m VANISHED)", user, changeLogPort, fallbackPort,
            "EXAMINE INBOX", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)");
        heapPerConnection(messages, user, changeLogPort);
    }

    /**
     * Heap the server holds per connection (this JVM runs both sides; the client sockets are counted too): logged in,
     * then with the mailbox selected, then idling. After full GCs; {@code benchmark.connections} connections.
     */
    private static void heapPerConnection(int messages, String user, int port) throws Exception {
        int count = Integer.getInteger("benchmark.connections", 50);
        List<RawImapClient> clients = new ArrayList<>();
        try {
            long before = usedHeap();
            for (int i = 0; i < count; i++) {
                clients.add(new RawImapClient(port).login(user, PASSWORD));
            }
            long loggedIn = usedHeap();
            for (RawImapClient client : clients) {
                client.setTimeout(java.time.Duration.ofMinutes(5));
                client.command("EXAMINE INBOX");
            }
            long selected = usedHeap();
            for (RawImapClient client : clients) {
                client.write("i1 IDLE\r\n");
                client.readUntil(line -> line.startsWith("+"), java.time.Duration.ofMinutes(1));
            }
            long idling = usedHeap();
            System.out.printf("%9d | heap per connection (%d): logged in %.1f KiB, + selected %.1f KiB, + idling %.1f KiB%n",
                messages, count, (loggedIn - before) / 1024.0 / count, (selected - loggedIn) / 1024.0 / count,
                (idling - selected) / 1024.0 / count);
        } finally {
            for (RawImapClient client : clients) {
                client.close();
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static void compare(int messages, String label, String user, int changeLogPort, int fallbackPort,
                                String setUp, String command) throws IOException {
        List<Double> changeLog = new ArrayList<>();
        List<Double> fallback = new ArrayList<>();
        int[] answers = new int[2];
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            double withLog = timed(changeLogPort, user, setUp, command, answers, 0);
            double withoutLog = timed(fallbackPort, user, setUp, command, answers, 1);
            if (round >= WARMUP) {
                changeLog.add(withLog);
                fallback.add(withoutLog);
            }
        }
        if (answers[0] != answers[1]) {
            System.err.printf("%s: %d response lines with the log, %d without%n", label, answers[0], answers[1]);
        }
        double logMedian = percentile(changeLog, 50);
        double fullMedian = percentile(fallback, 50);
        System.out.printf("%9d | %-38s | %12.2f %12.2f | %12.2f %12.2f | %6.1f%n", messages, label, logMedian,
            percentile(changeLog, 90), fullMedian, percentile(fallback, 90), fullMedian / logMedian);
    }

    private static double timed(int port, String user, String setUp, String command, int[] answers, int slot) throws IOException {
        try (RawImapClient client = new RawImapClient(port).login(user, PASSWORD)) {
            client.setTimeout(java.time.Duration.ofMinutes(5));
            client.command("ENABLE QRESYNC");
            if (setUp != null) {
                client.command(setUp);
            }
            long start = System.nanoTime();
            List<String> lines = client.command(command);
            double millis = (System.nanoTime() - start) / 1e6;
            if (!RawImapClient.last(lines).contains(" OK")) {
                throw new IOException(command + ": " + RawImapClient.last(lines));
            }
            answers[slot] = lines.size();
            return millis;
        }
    }

    private static void tenChanges(RawImapClient client, int messages) throws IOException {
        Random random = new Random(messages);
        client.command("SELECT INBOX");
        for (int i = 0; i < 4; i++) {
            client.command("STORE " + (1 + random.nextInt(messages)) + " +FLAGS (\\Flagged)");
        }
        for (int i = 0; i < 3; i++) {
            client.command("STORE " + (1 + random.nextInt(messages - i)) + " +FLAGS (\\Deleted)");
            client.command("EXPUNGE");
        }
        client.command("MOVE " + (1 + random.nextInt(messages - 3)) + " Trash");
        append(client, "after the first sync 1");
        append(client, "after the first sync 2");
    }

    /** Through the mailbox API (James's IMAP APPEND costs more than the store): one connection has created INBOX. */
    private static void populate(GuiceJamesServer server, int port, String user, int messages) throws Exception {
        new RawImapClient(port).login(user, PASSWORD).close();
        MailboxProbeImpl mailboxes = server.getProbe(MailboxProbeImpl.class);
        MailboxPath inbox = MailboxPath.inbox(Username.of(user));
        AtomicInteger next = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(writers.submit(() -> {
                for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    byte[] message = message("message " + i).getBytes(StandardCharsets.UTF_8);
                    mailboxes.appendMessage(user, inbox, new ByteArrayInputStream(message), new Date(), false, new Flags());
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();
    }

    private static String message(String subject) {
        return "From: a@bench.test\r\nTo: b@bench.test\r\nSubject: " + subject + "\r\n\r\nA short body.\r\n";
    }

    private static void append(RawImapClient client, String subject) throws IOException {
        String message = message(subject);
        String tag = client.nextTag();
        client.write(tag + " APPEND INBOX {" + message.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + message + "\r\n");
        List<String> lines = client.readUntilTagged(tag);
        if (!RawImapClient.last(lines).contains(" OK")) {
            throw new IOException("APPEND: " + lines);
        }
    }

    private static long find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
