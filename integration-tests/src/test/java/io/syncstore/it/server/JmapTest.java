package io.syncstore.it.server;

import static io.syncstore.it.server.JmapClient.arguments;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A JMAP client (Java's HTTP client) and IMAP connections on the same account of the server composed by
 * SyncStoreJamesServerMain: each sees the other's changes (an email destroyed over JMAP reaches an IMAP connection
 * in IDLE, and a QRESYNC reconnect as VANISHED), JMAP pushes state changes over EventSource, and after a restart
 * the JMAP client resumes from the state it had, with {@code Email/changes}.
 */
class JmapTest {
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);
    private static final Duration PUSH_DEADLINE = Duration.ofSeconds(1);
    private static final int CONCURRENT_CLIENTS = 32;

    @TempDir
    Path folder;

    @Test
    void jmapAndImapSeeEachOthersChangesAndAJmapClientResumesAfterARestart() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
        String stateBeforeRestart;
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);

            JsonNode session = jmap.session();
            assertThat(session.get("capabilities").has("urn:ietf:params:jmap:mail")).isTrue();
            assertThat(session.get("accounts").has(jmap.accountId())).isTrue();
            // James provisions the default mailboxes at the first JMAP request
            assertThat(mailboxIdsByName(jmap)).containsKeys("INBOX", "Archive", "Sent", "Trash");
            String initialState = emailState(jmap);

            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.append("INBOX", message("first"));
                imap.append("INBOX", message("second"));
            }
            Map<String, String> mailboxes = mailboxIdsByName(jmap);
            String inbox = mailboxes.get("INBOX");
            String archive = mailboxes.get("Archive");
            await().atMost(EVENTUALLY).until(() -> changesSince(jmap, initialState).get("created").size() == 2);

            List<String> inInbox = queryInMailbox(jmap, inbox);
            assertThat(inInbox).hasSize(2);
            Map<String, String> subjects = subjectsById(jmap, inInbox);
            assertThat(subjects.values()).containsExactlyInAnyOrder("first", "second");
            String first = idOf(subjects, "first");
            String second = idOf(subjects, "second");

            BlockingQueue<String> events = JmapClient.newLineQueue();
            CompletableFuture<?> eventSource = jmap.eventSource(events);
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                // the first append only proves the stream is subscribed; the second one is timed
                imap.append("INBOX", message("third"));
                assertThat(nextStateChange(events, EVENTUALLY)).contains("Email");
                long appended = System.nanoTime();
                imap.append("INBOX", message("fourth"));
                assertThat(nextStateChange(events, PUSH_DEADLINE)).contains("Email");
                assertThat(Duration.ofNanos(System.nanoTime() - appended)).isLessThan(PUSH_DEADLINE);
            } finally {
                eventSource.cancel(true);
            }
            String third = idOf(subjectsById(jmap, queryInMailbox(jmap, inbox)), "third");

            long uidValidity;
            long highestModSeq;
            Set<Long> leavingInbox = new HashSet<>();
            try (RawImapSession resync = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                resync.command("ENABLE QRESYNC");
                List<String> selected = resync.command("SELECT INBOX");
                uidValidity = code(selected, "UIDVALIDITY");
                highestModSeq = code(selected, "HIGHESTMODSEQ");
                leavingInbox.addAll(uids(resync.command("UID SEARCH SUBJECT second")));
                leavingInbox.addAll(uids(resync.command("UID SEARCH SUBJECT third")));
            }
            assertThat(leavingInbox).hasSize(2);

            try (RawImapSession idling = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                idling.command("SELECT INBOX");
                idling.idle();
                ObjectNode set = arguments();
                ObjectNode update = set.putObject("update");
                update.putObject(first).put("keywords/$flagged", true);
                update.putObject(second).putObject("mailboxIds").put(archive, true);
                set.putArray("destroy").add(third);
                JsonNode result = jmap.call("Email/set", set);
                assertThat(result.get("updated").has(first)).isTrue();
                assertThat(result.get("updated").has(second)).as("moved " + result).isTrue();
                assertThat(texts(result.get("destroyed"))).containsExactly(third);

                idling.awaitPushed(line -> line.endsWith(" EXPUNGE"), EVENTUALLY);
                idling.awaitPushed(line -> line.endsWith(" EXPUNGE"), EVENTUALLY);
                idling.done();
                assertThat(String.join("\n", idling.command("UID SEARCH FLAGGED"))).matches("\\* SEARCH \\d+");
                assertThat(idling.command("STATUS Archive (MESSAGES)")).containsExactly("* STATUS \"Archive\" (MESSAGES 1)");
            }
            try (RawImapSession reconnecting = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                reconnecting.command("ENABLE QRESYNC");
                List<String> vanished = reconnecting.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + highestModSeq + "))").stream()
                    .filter(line -> line.startsWith("* VANISHED (EARLIER) "))
                    .collect(Collectors.toList());
                assertThat(vanished).hasSize(1);
                assertThat(uidSet(vanished.get(0).substring("* VANISHED (EARLIER) ".length()))).isEqualTo(leavingInbox);
            }

            String beforeImapFlag = emailState(jmap);
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.command("SELECT Archive");
                imap.command("STORE 1 +FLAGS (\\Seen)");
            }
            await().atMost(EVENTUALLY).until(() -> texts(changesSince(jmap, beforeImapFlag).get("updated")).contains(second));
            stateBeforeRestart = emailState(jmap);
        }

        try (InProcessServer server = InProcessServer.start(home)) {
            // a new connection, as after a real restart: James's stopped JMAP server keeps serving open keep-alive
            // connections of the same JVM
            JmapClient resumed = new JmapClient(home.jmapPort, ALICE, PASSWORD);
            resumed.session();
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.append("INBOX", message("after restart"));
            }
            await().atMost(EVENTUALLY).until(() -> changesSince(resumed, stateBeforeRestart).get("created").size() == 1);
            JsonNode changes = changesSince(resumed, stateBeforeRestart);
            assertThat(changes.get("updated")).isEmpty();
            assertThat(changes.get("destroyed")).isEmpty();
            assertThat(subjectsById(resumed, texts(changes.get("created"))).values()).containsExactly("after restart");
        }
    }

    @Test
    void webPushVerifiesASubscriptionPushesAStateChangeWithinASecondOfAnAppendAndKeepsTheSubscriptionAfterARestart() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        // the push service of this test listens on loopback, which James refuses by default
        home.edit("jmap.properties", "# webpush.prevent.server.side.request.forgery=false", "webpush.prevent.server.side.request.forgery=false");
        BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
        HttpServer pushService = pushService(pushes);
        String pushUrl = "http://127.0.0.1:" + pushService.getAddress().getPort() + "/push/phone";
        try {
            String subscription;
            try (InProcessServer server = InProcessServer.start(home)) {
                WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
                webAdmin.createDomain(DOMAIN);
                webAdmin.createUser(ALICE, PASSWORD);
                JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
                jmap.session();
                mailboxIdsByName(jmap);

                ObjectNode create = arguments();
                ObjectNode phone = create.putObject("create").putObject("phone");
                phone.put("deviceClientId", "phone-of-alice").put("url", pushUrl);
                phone.putArray("types").add("Email").add("Mailbox");
                JsonNode created = jmap.call("PushSubscription/set", create);
                assertThat(created.get("created").has("phone")).as("created " + created).isTrue();
                subscription = created.get("created").get("phone").get("id").asText();

                JsonNode verification = nextPush(pushes, "PushVerification", EVENTUALLY);
                assertThat(verification.get("pushSubscriptionId").asText()).isEqualTo(subscription);
                ObjectNode verify = arguments();
                verify.putObject("update").putObject(subscription).put("verificationCode", verification.get("verificationCode").asText());
                assertThat(jmap.call("PushSubscription/set", verify).get("updated").has(subscription)).isTrue();

                assertStateChangePushedWithinASecondOfAnAppend(home, jmap, pushes);
            }

            try (InProcessServer server = InProcessServer.start(home)) {
                JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
                jmap.session();
                ObjectNode get = arguments();
                get.putNull("ids");
                JsonNode list = jmap.call("PushSubscription/get", get).get("list");
                assertThat(list).hasSize(1);
                assertThat(list.get(0).get("id").asText()).isEqualTo(subscription);
                assertThat(list.get(0).get("deviceClientId").asText()).isEqualTo("phone-of-alice");

                assertStateChangePushedWithinASecondOfAnAppend(home, jmap, pushes);
            }
        } finally {
            pushService.stop(0);
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirSessionAndMailboxes() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        ExecutorService clientThreads = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            mailboxIdsByName(sessionOf(new JmapClient(home.jmapPort, ALICE, PASSWORD)));
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<Map<String, String>>> clients = new ArrayList<>();
                for (int i = 0; i < CONCURRENT_CLIENTS; i++) {
                    clients.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return mailboxIdsByName(sessionOf(new JmapClient(home.jmapPort, ALICE, PASSWORD)));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, clientThreads));
                }
                for (CompletableFuture<Map<String, String>> client : clients) {
                    assertThat(client.get(60, TimeUnit.SECONDS)).containsKeys("INBOX", "Archive", "Sent", "Trash");
                }
            }
        } finally {
            clientThreads.shutdownNow();
        }
    }

    private static JmapClient sessionOf(JmapClient client) throws Exception {
        client.session();
        return client;
    }

    private static void assertStateChangePushedWithinASecondOfAnAppend(ServerHome home, JmapClient jmap, BlockingQueue<JsonNode> pushes) throws Exception {
        pushes.clear();
        try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
            long appended = System.nanoTime();
            imap.append("INBOX", message("pushed"));
            JsonNode stateChange = nextPush(pushes, "StateChange", PUSH_DEADLINE);
            assertThat(Duration.ofNanos(System.nanoTime() - appended)).isLessThan(PUSH_DEADLINE);
            assertThat(stateChange.get("changed").get(jmap.accountId()).has("Email")).as(stateChange.toString()).isTrue();
        }
    }

    /** A push service on loopback that accepts every push (201, RFC 8030 §5) and queues its JSON body. */
    private static HttpServer pushService(BlockingQueue<JsonNode> pushes) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push/", exchange -> {
            try {
                pushes.add(JmapClient.JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(201, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    /** The next push of the given {@code @type}, passing over others, or fails after the timeout. */
    private static JsonNode nextPush(BlockingQueue<JsonNode> pushes, String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode push;
        while ((push = pushes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (type.equals(push.path("@type").asText())) {
                return push;
            }
        }
        throw new AssertionError("No " + type + " pushed within " + timeout);
    }

    /** The number of a response code of SELECT, such as {@code * OK [UIDVALIDITY 42]}. */
    private static long code(List<String> untagged, String name) {
        return untagged.stream().filter(line -> line.startsWith("* OK [" + name + " "))
            .map(line -> Long.parseLong(line.substring(("* OK [" + name + " ").length(), line.indexOf(']'))))
            .findFirst().orElseThrow(() -> new AssertionError("No " + name + " in " + untagged));
    }

    private static List<Long> uids(List<String> search) {
        return search.stream().filter(line -> line.startsWith("* SEARCH"))
            .flatMap(line -> Arrays.stream(line.substring("* SEARCH".length()).trim().split(" ")))
            .filter(uid -> !uid.isEmpty())
            .map(Long::parseLong)
            .collect(Collectors.toList());
    }

    /** The UIDs of an IMAP sequence set such as {@code 2:3,7}. */
    private static Set<Long> uidSet(String set) {
        Set<Long> uids = new HashSet<>();
        for (String range : set.trim().split(",")) {
            String[] bounds = range.split(":");
            long low = Long.parseLong(bounds[0]);
            long high = Long.parseLong(bounds[bounds.length - 1]);
            for (long uid = Math.min(low, high); uid <= Math.max(low, high); uid++) {
                uids.add(uid);
            }
        }
        return uids;
    }

    private static String message(String subject) {
        return "From: bob@remote.example\r\nTo: " + ALICE + "\r\nSubject: " + subject + "\r\n\r\nAbout " + subject + ".\r\n";
    }

    private static Map<String, String> mailboxIdsByName(JmapClient jmap) throws Exception {
        Map<String, String> ids = new HashMap<>();
        ObjectNode get = arguments();
        get.putNull("ids");
        for (JsonNode mailbox : jmap.call("Mailbox/get", get).get("list")) {
            ids.put(mailbox.get("name").asText(), mailbox.get("id").asText());
        }
        return ids;
    }

    private static String emailState(JmapClient jmap) throws Exception {
        ObjectNode get = arguments();
        get.putArray("ids");
        return jmap.call("Email/get", get).get("state").asText();
    }

    private static JsonNode changesSince(JmapClient jmap, String state) throws Exception {
        return jmap.call("Email/changes", arguments().put("sinceState", state));
    }

    private static List<String> queryInMailbox(JmapClient jmap, String mailboxId) throws Exception {
        ObjectNode query = arguments();
        query.putObject("filter").put("inMailbox", mailboxId);
        return texts(jmap.call("Email/query", query).get("ids"));
    }

    private static Map<String, String> subjectsById(JmapClient jmap, List<String> ids) throws Exception {
        ObjectNode get = arguments();
        ids.forEach(get.putArray("ids")::add);
        get.putArray("properties").add("id").add("subject").add("preview");
        Map<String, String> subjects = new HashMap<>();
        for (JsonNode email : jmap.call("Email/get", get).get("list")) {
            assertThat(email.get("preview").asText()).startsWith("About ");
            subjects.put(email.get("id").asText(), email.get("subject").asText());
        }
        return subjects;
    }

    private static String idOf(Map<String, String> subjects, String subject) {
        return subjects.entrySet().stream().filter(entry -> entry.getValue().equals(subject))
            .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** The data of the next {@code state} event of the stream (RFC 8620 §7.3), or fails after the timeout. */
    private static String nextStateChange(BlockingQueue<String> lines, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (line.startsWith("data:") && line.contains("StateChange")) {
                return line;
            }
        }
        throw new AssertionError("No StateChange on the EventSource stream within " + timeout);
    }
}
