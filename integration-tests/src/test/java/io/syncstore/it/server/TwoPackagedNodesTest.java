package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged distribution, each its own process started by {@code bin/syncstore-james}, on one private
 * PostgreSQL database and one private RabbitMQ broker: devices on node A hear within a second what is done through
 * node B; a device reconnecting to node B with QRESYNC gets exactly what changed through node A; when node A is
 * killed (SIGKILL), what it acknowledged is all there through node B, and the mail its SMTP accepted and was
 * delivering is delivered once, by node B, when node A's lease on it runs out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPackagedNodesTest {
    private static final Duration PUSH = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** How long a command may take while RabbitMQ is away: its change is durable, the other nodes hear of it later. */
    private static final Duration ANSWER_WITHOUT_BROKER = Duration.ofSeconds(3);
    private static final Duration BROKER_RECOVERY = Duration.ofSeconds(60);
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");
    private static final Pattern MODSEQ = Pattern.compile("\\[HIGHESTMODSEQ (\\d+)]");
    private static final Pattern UIDVALIDITY = Pattern.compile("\\[UIDVALIDITY (\\d+)]");

    @TempDir
    static Path folder;

    private static HoldingEndpoint hold;
    private static RabbitMQServer broker;
    private static PackagedNode nodeA;
    private static PackagedNode nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        NodeServices services = NodeServices.start();
        broker = services.broker;
        System.out.printf("%s: PostgreSQL and RabbitMQ started%n", java.time.LocalTime.now());
        hold = new HoldingEndpoint();
        nodeA = PackagedNode.unpack(folder, "node-a", services, LEASE.toSeconds() + "s");
        nodeB = PackagedNode.unpack(folder, "node-b", services, LEASE.toSeconds() + "s");
        // node A hands mail marked X-Hold to an HTTP endpoint that never answers: that mail stays in flight on A
        nodeA.home.edit("mailetcontainer.xml", "            <mailet match=\"All\" class=\"PostmasterAlias\"/>",
            "            <mailet match=\"HasHeader=X-Hold\" class=\"HeadersToHTTP\">\n"
                + "                <url>" + hold.url() + "</url>\n"
                + "                <parameterKey>held-by</parameterKey>\n"
                + "                <parameterValue>node-a</parameterValue>\n"
                + "            </mailet>\n"
                + "            <mailet match=\"All\" class=\"PostmasterAlias\"/>");
        CompletableFuture<Void> startingB = CompletableFuture.runAsync(() -> {
            try {
                nodeB.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        nodeA.start();
        startingB.join();
        System.out.printf("%s: two nodes started%n", java.time.LocalTime.now());
        nodeA.webAdmin().createDomain(DOMAIN);
        nodeA.webAdmin().createUser(ALICE, PASSWORD);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (PackagedNode node : new PackagedNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.stopIfRunning();
            }
        }
        if (hold != null) {
            hold.close();
        }
    }

    @Test
    @Order(1)
    void devicesIdlingAndUsingNotifyOnNodeAHearWithinASecondWhatIsDoneThroughNodeB() throws Exception {
        try (RawImapSession idling = nodeA.imap(); RawImapSession notified = nodeA.imap();
             RawImapSession reference = nodeB.imap(); RawImapSession deviceB = nodeB.imap()) {
            idling.command("SELECT INBOX");
            idling.idle();
            notified.command("SELECT INBOX");
            notified.command("NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange)) (personal (MessageNew MessageExpunge MailboxName))");
            // delivery ends in node B's spool: node B's own idling connection tells when the message is in the INBOX
            reference.command("SELECT INBOX");
            reference.idle();

            // the first change after start-up also warms up the paths between the nodes: it is not timed
            deviceB.append("INBOX", "Subject: first\r\n\r\nwarming up\r\n");
            for (RawImapSession session : List.of(reference, idling, notified)) {
                session.awaitPushed(line -> line.equals("* 1 EXISTS"), Duration.ofSeconds(30));
            }

            MailClient smtpOfB = new MailClient(nodeB.home);
            smtpOfB.send(smtpOfB.message("bob@remote.example", ALICE, "by smtp to node b", "hello"));
            reference.awaitPushed(line -> line.equals("* 2 EXISTS"), Duration.ofSeconds(60));
            long delivered = System.nanoTime();
            awaitWithin(idling, line -> line.equals("* 2 EXISTS"), delivered);
            awaitWithin(notified, line -> line.equals("* 2 EXISTS"), delivered);

            deviceB.command("SELECT INBOX");
            deviceB.command("STORE 2 +FLAGS (\\Flagged)");
            long flagged = System.nanoTime();
            awaitWithin(idling, line -> line.startsWith("* 2 FETCH") && line.contains("\\Flagged"), flagged);
            awaitWithin(notified, line -> line.startsWith("* 2 FETCH") && line.contains("\\Flagged"), flagged);

            deviceB.command("CREATE Projects");
            long created = System.nanoTime();
            awaitWithin(notified, line -> line.startsWith("* LIST ") && line.endsWith("\"Projects\""), created);
            // IDLE reports only the selected mailbox (RFC 2177): the folder reaches the idling device by LIST
            idling.done();
            assertThat(idling.command("LIST \"\" \"*\"")).anyMatch(line -> line.endsWith("\"Projects\""));
        }
    }

    @Test
    @Order(2)
    void aDeviceReconnectingToNodeBWithQresyncGetsExactlyTheChangesMadeThroughNodeA() throws Exception {
        try (RawImapSession deviceA = nodeA.imap()) {
            deviceA.command("CREATE Sync");
            for (int n = 1; n <= 4; n++) {
                deviceA.append("Sync", "Subject: sync " + n + "\r\n\r\nbody " + n + "\r\n");
            }
        }
        long uidValidity;
        long highestModseq;
        try (RawImapSession deviceOnB = nodeB.imap()) {
            deviceOnB.command("ENABLE QRESYNC");
            List<String> selected = deviceOnB.command("SELECT Sync");
            uidValidity = number(UIDVALIDITY, selected);
            highestModseq = number(MODSEQ, selected);
        }
        try (RawImapSession deviceA = nodeA.imap()) {
            deviceA.command("SELECT Sync");
            deviceA.command("UID STORE 1 +FLAGS (\\Seen)");
            deviceA.command("UID STORE 2 +FLAGS (\\Deleted)");
            deviceA.command("EXPUNGE");
            deviceA.append("Sync", "Subject: sync 5\r\n\r\nbody 5\r\n");
        }
        try (RawImapSession deviceOnB = nodeB.imap()) {
            deviceOnB.command("ENABLE QRESYNC");
            List<String> resync = deviceOnB.command("SELECT Sync (QRESYNC (" + uidValidity + " " + highestModseq + "))");
            assertThat(resync.stream().filter(line -> line.startsWith("* VANISHED"))).containsExactly("* VANISHED (EARLIER) 2");
            List<String> fetched = resync.stream().filter(line -> line.contains(" FETCH (")).collect(Collectors.toList());
            assertThat(fetched.stream().map(line -> number(UID, List.of(line)))).containsExactlyInAnyOrder(1L, 5L);
            assertThat(fetched).filteredOn(line -> number(UID, List.of(line)) == 1).allMatch(line -> line.contains("\\Seen"));
        }
    }

    @Test
    @Order(3)
    void whileRabbitmqIsAwayNodeAAnswersAtOnceItsOwnConnectionsHearAtOnceAndNodeBCatchesUpWhenItIsBack() throws Exception {
        try (RawImapSession device = nodeA.imap(); RawImapSession idlingA = nodeA.imap(); RawImapSession notifiedA = nodeA.imap();
             RawImapSession idlingB = nodeB.imap()) {
            device.command("CREATE Outage");
            device.append("Outage", "Subject: before\r\n\r\nbefore the broker went away\r\n");
            idlingA.command("SELECT Outage");
            idlingA.idle();
            notifiedA.command("NOTIFY SET (personal (MessageNew MessageExpunge))");
            idlingB.command("SELECT Outage");
            idlingB.idle();
            device.command("SELECT Outage");

            broker.stop();
            try {
                long appending = System.nanoTime();
                String appended = device.append("Outage", "Subject: during\r\n\r\nwhile the broker is away\r\n");
                long answered = System.nanoTime();
                System.out.printf("%s: APPEND answered in %d ms without the broker%n", java.time.LocalTime.now(),
                    Duration.ofNanos(answered - appending).toMillis());
                assertThat(Duration.ofNanos(answered - appending)).as("APPEND answered: %s", appended).isLessThanOrEqualTo(ANSWER_WITHOUT_BROKER);
                awaitWithin(idlingA, line -> line.equals("* 2 EXISTS"), answered);
                awaitWithin(notifiedA, line -> line.startsWith("* STATUS \"Outage\" (") && line.contains("MESSAGES 2"), answered);

                long storing = System.nanoTime();
                device.command("STORE 1 +FLAGS (\\Flagged)");
                long stored = System.nanoTime();
                assertThat(Duration.ofNanos(stored - storing)).isLessThanOrEqualTo(ANSWER_WITHOUT_BROKER);
                awaitWithin(idlingA, line -> line.startsWith("* 1 FETCH") && line.contains("\\Flagged"), stored);
            } finally {
                broker.resume();
            }

            // node B hears of what node A did while the broker was away, and of what follows
            long resumed = System.nanoTime();
            idlingB.awaitPushed(line -> line.equals("* 2 EXISTS"), BROKER_RECOVERY);
            System.out.printf("%s: node B heard of it %d ms after the broker was back%n", java.time.LocalTime.now(),
                Duration.ofNanos(System.nanoTime() - resumed).toMillis());
            idlingB.awaitPushed(line -> line.startsWith("* 1 FETCH") && line.contains("\\Flagged"), BROKER_RECOVERY);
            device.append("Outage", "Subject: after\r\n\r\nthe broker is back\r\n");
            idlingB.awaitPushed(line -> line.equals("* 3 EXISTS"), BROKER_RECOVERY);
            idlingA.awaitPushed(line -> line.equals("* 3 EXISTS"), PUSH);
            List<String> seenByB = idlingB.done();
            assertThat(seenByB).noneMatch(line -> line.contains("EXPUNGE"));
            assertThat(idlingB.command("UID SEARCH ALL")).contains("* SEARCH 1 2 3");
        }
    }

    @Test
    @Order(4)
    void whenNodeAIsKilledWhatItAcknowledgedIsThereAndTheMailItWasDeliveringIsDeliveredOnceByNodeB() throws Exception {
        try (RawImapSession setup = nodeA.imap()) {
            setup.command("CREATE Durable");
        }
        MailClient smtpOfA = new MailClient(nodeA.home);
        MimeMessage held = smtpOfA.message("bob@remote.example", ALICE, "accepted by node a", "held");
        held.setHeader("X-Hold", "yes");
        smtpOfA.send(held);
        assertThat(hold.requested.await(60, TimeUnit.SECONDS)).as("node A is delivering the mail; %s", nodeA.loggedErrors())
            .isTrue();

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Thread appender = new Thread(() -> {
            try (RawImapSession client = nodeA.imap()) {
                for (int n = 0; ; n++) {
                    acknowledged.add(number(APPENDUID, List.of(client.append("Durable", "Subject: durable " + n + "\r\n\r\n" + n + "\r\n"))));
                }
            } catch (Exception | AssertionError e) {
                // node A was killed under it: what counts is what it acknowledged before
            }
        });
        appender.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 20);
        nodeA.kill();
        appender.join(30_000);

        try (RawImapSession survivor = nodeB.imap()) {
            survivor.command("SELECT Durable");
            String found = survivor.command("UID SEARCH ALL").stream().filter(line -> line.startsWith("* SEARCH")).findFirst().orElseThrow();
            Set<Long> readable = new TreeSet<>();
            Matcher uids = Pattern.compile(" (\\d+)").matcher(found);
            while (uids.find()) {
                readable.add(Long.parseLong(uids.group(1)));
            }
            assertThat(readable).containsAll(acknowledged);

            survivor.command("SELECT INBOX");
            Predicate<String> oneMessage = line -> line.matches("\\* SEARCH \\d+");
            await().atMost(LEASE.multipliedBy(6))
                .until(() -> survivor.command("SEARCH SUBJECT \"accepted by node a\"").stream().anyMatch(oneMessage));
            // one more lease later, nothing has delivered it a second time
            Thread.sleep(LEASE.plusSeconds(2).toMillis());
            assertThat(survivor.command("SEARCH SUBJECT \"accepted by node a\"")).anyMatch(oneMessage);
            assertThat(nodeB.webAdmin().get("/mailQueues/spool")).contains("\"size\":0");
        }
    }

    /** Waits for a pushed line, which must have come within {@link #PUSH} of {@code since}; says how long it took. */
    private static void awaitWithin(RawImapSession session, Predicate<String> expected, long since) throws IOException {
        session.awaitPushed(expected, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        assertThat(took).as("pushed after %d ms", took.toMillis()).isLessThanOrEqualTo(PUSH);
    }

    private static long number(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError(pattern + " not in " + lines);
    }

    /** An HTTP endpoint that accepts requests and never answers them, holding their sender. */
    private static final class HoldingEndpoint implements AutoCloseable {
        final CountDownLatch requested = new CountDownLatch(1);
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();

        HoldingEndpoint() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(socket.accept());
                        requested.countDown();
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "holding-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hold";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
