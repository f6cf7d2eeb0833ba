package io.syncstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.config.PostgresSettings;
import io.syncstore.imap.RawImapClient;
import io.syncstore.server.events.RabbitMQTestServer;
import io.syncstore.testing.FreePorts;

/**
 * Two SyncStore servers, each its own process ({@link SyncStoreJamesServerMain} on the build's classpath), on one
 * PostgreSQL database and one RabbitMQ broker, both private to the tests, with {@code rabbitmq.properties} beside
 * {@code syncstore.xml}: connections on node A hear at once of what is done through node B, UIDs allocated from both
 * nodes at once are never given twice, and when node A is killed (SIGKILL) what it acknowledged is all readable through
 * node B, which keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {
    private static final String DOMAIN = "example.com";
    private static final String USER = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final Duration PUSH = Duration.ofSeconds(1);
    private static final Duration START = Duration.ofMinutes(4);
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    @TempDir
    static Path folder;

    private static Node nodeA;
    private static Node nodeB;

    /** A server process with its own configuration and data folders. */
    private static final class Node {
        final String name;
        final Path root;
        final int imapPort;
        final int webAdminPort;
        Process process;

        Node(String name, Path root) throws IOException {
            this.name = name;
            this.root = root;
            this.imapPort = FreePorts.next();
            this.webAdminPort = FreePorts.next();
        }

        void configure(PostgresSettings database, RabbitMQTestServer broker) throws IOException {
            SyncStoreTestServer.withConfiguration(Files.createDirectories(root).toFile());
            Path conf = root.resolve("conf");
            Path imap = conf.resolve("imapserver.xml");
            Files.writeString(imap, Files.readString(imap).replaceFirst("<bind>127.0.0.1:0</bind>", "<bind>127.0.0.1:" + imapPort + "</bind>"));
            Files.writeString(conf.resolve("webadmin.properties"), "enabled=true\nport=" + webAdminPort + "\nhost=127.0.0.1\n");
            Files.writeString(conf.resolve("syncstore.xml"), SyncStoreTestServer.syncstoreXmlOn(database), StandardCharsets.UTF_8);
            Files.writeString(conf.resolve("rabbitmq.properties"), "uri=" + broker.amqpUri() + "\n"
                + "management.uri=http://127.0.0.1:15672\n"
                + "management.user=" + RabbitMQTestServer.USER + "\n"
                + "management.password=" + RabbitMQTestServer.PASSWORD + "\n", StandardCharsets.UTF_8);
        }

        void start() throws Exception {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path output = root.resolve("server.out");
            process = new ProcessBuilder(java.toString(), "-Xmx512m",
                "-Dworking.directory=" + root,
                "-Djames.lifecycle.leak.detection.mode=NONE",
                // NOTIFY's group listener is per node: its group name holds the node name (both run on one host here)
                "-Dsyncstore.notify.node=" + name,
                "-cp", classpath, SyncStoreJamesServerMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (printed.contains("SyncStore James started")) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " did not start: " + printed);
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(name + " did not start within " + START + ": " + Files.readString(output));
        }

        RawImapClient client() throws IOException {
            RawImapClient client = new RawImapClient(imapPort);
            // the test machine is shared and loaded: an answer may take long, but never forever
            client.setTimeout(Duration.ofSeconds(60));
            return client.login(USER, PASSWORD);
        }

        void webAdmin(String path, String body) throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("PUT " + path + ": " + response.body()).isBetween(200, 299);
        }

        void kill() throws InterruptedException {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void startTwoNodes() throws Exception {
        PostgresSettings database = PostgresTestServer.instance().newDatabase();
        RabbitMQTestServer broker = RabbitMQTestServer.instance();
        nodeA = new Node("node-a", folder.resolve("a"));
        nodeB = new Node("node-b", folder.resolve("b"));
        nodeA.configure(database, broker);
        nodeB.configure(database, broker);
        nodeA.start();
        nodeB.start();
        nodeA.webAdmin("/domains/" + DOMAIN, "");
        nodeA.webAdmin("/users/" + USER, "{\"password\":\"" + PASSWORD + "\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node node : new Node[] {nodeA, nodeB}) {
            if (node != null && node.process != null) {
                node.kill();
            }
        }
        PostgresTestServer.instance().releaseDatabases();
    }

    @Test
    @Order(1)
    void aConnectionIdlingOnOneNodeHearsOfChangesMadeThroughTheOther() throws Exception {
        try (RawImapClient idling = nodeA.client(); RawImapClient other = nodeB.client()) {
            other.command("CREATE Pushed");
            idling.command("SELECT Pushed");
            idling.write("i1 IDLE\r\n");
            idling.readUntil(line -> line.startsWith("+"), Duration.ofSeconds(5));

            long uid = append(other, "Pushed", "first");
            assertThat(idling.readUntil(line -> line.equals("* 1 EXISTS"), PUSH)).isNotEmpty();

            other.command("SELECT Pushed");
            other.command("UID STORE " + uid + " +FLAGS (\\Flagged)");
            assertThat(idling.readUntil(line -> line.startsWith("* 1 FETCH") && line.contains("\\Flagged"), PUSH)).isNotEmpty();

            other.command("UID STORE " + uid + " +FLAGS (\\Deleted)");
            other.command("EXPUNGE");
            assertThat(idling.readUntil(line -> line.equals("* 1 EXPUNGE"), PUSH)).isNotEmpty();

            idling.write("DONE\r\n");
            assertThat(RawImapClient.last(idling.readUntil(line -> line.startsWith("i1 "), Duration.ofSeconds(5)))).startsWith("i1 OK");
        }
    }

    @Test
    @Order(2)
    void aConnectionUsingNotifyOnOneNodeHearsOfNewFoldersAndMessagesOfTheOther() throws Exception {
        try (RawImapClient watching = nodeA.client(); RawImapClient other = nodeB.client()) {
            assertThat(RawImapClient.last(watching.command("NOTIFY SET (personal (MessageNew MessageExpunge MailboxName))"))).contains("OK");

            other.command("CREATE Projects");
            assertThat(RawImapClient.last(watching.readUntil(line -> line.startsWith("* LIST"), PUSH)))
                .isEqualTo("* LIST () \".\" \"Projects\"");

            append(other, "Projects", "news");
            assertThat(watching.readUntil(line -> line.startsWith("* STATUS \"Projects\"") && line.contains("MESSAGES 1"), PUSH)).isNotEmpty();
        }
    }

    /**
     * Each node keeps the mailboxes it looked up; one node's ACL change and rename reach the other's by their events,
     * which its next commands follow once the broker has delivered them.
     */
    @Test
    @Order(3)
    void aMailboxKeptByOneNodeFollowsTheRightsAndNameTheOtherGivesIt() throws Exception {
        try (RawImapClient selecting = nodeA.client(); RawImapClient changing = nodeB.client()) {
            changing.command("CREATE Kept");
            append(selecting, "Kept", "kept");
            assertThat(RawImapClient.last(selecting.command("SELECT Kept"))).contains("OK");
            assertThat(RawImapClient.last(selecting.command("EXPUNGE"))).contains("OK");

            assertThat(RawImapClient.last(changing.command("SETACL Kept -" + USER + " e"))).contains("OK");
            assertThat(eventually(() -> RawImapClient.last(selecting.command("EXPUNGE")), " NO ")).contains(" NO ");

            assertThat(RawImapClient.last(changing.command("DELETEACL Kept -" + USER))).contains("OK");
            assertThat(eventually(() -> RawImapClient.last(selecting.command("EXPUNGE")), " OK ")).contains(" OK ");

            assertThat(RawImapClient.last(changing.command("RENAME Kept Moved"))).contains("OK");
            assertThat(RawImapClient.last(changing.command("CREATE Kept"))).contains("OK");
            append(changing, "Kept", "in the new Kept");
            append(changing, "Kept", "and another");
            assertThat(eventually(() -> String.join(" ", selecting.command("STATUS Kept (MESSAGES)")), "MESSAGES 2"))
                .contains("MESSAGES 2");
        }
    }

    /** The first answer that contains {@code expected}, or the last within PUSH (another node's event takes that long). */
    private static String eventually(Callable<String> answer, String expected) throws Exception {
        long deadline = System.nanoTime() + PUSH.toNanos();
        String last = answer.call();
        while (!last.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = answer.call();
        }
        return last;
    }

    @Test
    @Order(4)
    void uidsAppendedThroughBothNodesAtOnceAreNeverGivenTwice() throws Exception {
        try (RawImapClient setup = nodeA.client()) {
            setup.command("CREATE Concurrent");
        }
        int connectionsPerNode = 4;
        int appendsPerConnection = 15;
        ExecutorService threads = Executors.newFixedThreadPool(2 * connectionsPerNode);
        Set<Long> uids = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * connectionsPerNode; i++) {
                Node node = i % 2 == 0 ? nodeA : nodeB;
                results.add(threads.submit(() -> {
                    int distinct = 0;
                    try (RawImapClient client = node.client()) {
                        for (int n = 0; n < appendsPerConnection; n++) {
                            if (uids.add(append(client, "Concurrent", "concurrent " + n))) {
                                distinct++;
                            }
                        }
                    }
                    return distinct;
                }));
            }
            int distinct = 0;
            for (Future<Integer> result : results) {
                distinct += result.get();
            }
            int total = 2 * connectionsPerNode * appendsPerConnection;
            assertThat(distinct).as("distinct UIDs handed out").isEqualTo(total);
            try (RawImapClient reader = nodeB.client()) {
                assertThat(reader.command("STATUS Concurrent (MESSAGES UIDNEXT)"))
                    .anyMatch(line -> line.contains("MESSAGES " + total) && line.contains("UIDNEXT " + (total + 1)));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void whenANodeIsKilledWhatItAcknowledgedIsReadableThroughTheOtherWhichKeepsServing() throws Exception {
        int appends = 40;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (RawImapClient setup = nodeA.client()) {
            setup.command("CREATE Durable");
        }
        Thread appender = new Thread(() -> {
            try (RawImapClient client = nodeA.client()) {
                for (int n = 0; n < appends; n++) {
                    acknowledged.add(append(client, "Durable", "durable " + n));
                }
            } catch (Exception | AssertionError e) {
                // the node was killed under it: what counts is what it acknowledged before
            }
        });
        appender.start();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < appends / 2 && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        nodeA.kill();
        appender.join(30_000);
        assertThat(acknowledged).as("appends acknowledged by node A before it was killed").isNotEmpty();

        try (RawImapClient survivor = nodeB.client()) {
            survivor.command("SELECT Durable");
            List<String> found = survivor.command("UID SEARCH ALL");
            Set<Long> readable = new HashSet<>();
            found.stream().filter(line -> line.startsWith("* SEARCH")).findFirst().ifPresent(line -> {
                for (String uid : line.substring("* SEARCH".length()).trim().split(" ")) {
                    if (!uid.isEmpty()) {
                        readable.add(Long.parseLong(uid));
                    }
                }
            });
            assertThat(readable).containsAll(acknowledged);
            long after = append(survivor, "Durable", "after the kill");
            assertThat(after).isGreaterThan(acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    private static long append(RawImapClient client, String mailbox, String text) throws IOException {
        String message = "Subject: " + text + "\r\n\r\n" + text + "\r\n";
        String tag = client.nextTag();
        client.write(tag + " APPEND " + mailbox + " {" + message.getBytes(StandardCharsets.UTF_8).length + "}\r\n");
        client.readUntil(line -> line.startsWith("+"), Duration.ofSeconds(10));
        client.write(message + "\r\n");
        String tagged = RawImapClient.last(client.readUntilTagged(tag));
        Matcher uid = APPENDUID.matcher(tagged);
        if (!uid.find()) {
            throw new IOException("APPEND without APPENDUID: " + tagged);
        }
        return Long.parseLong(uid.group(1));
    }

}
