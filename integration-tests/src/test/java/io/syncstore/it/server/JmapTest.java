package io.syncstore.it.server;

import static io.syncstore.it.server.JmapClient.arguments;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    /** The server retries a push 3 times, 1, 2 and 4 s apart (each ±50 %): a fourth retry would come within 12 s. */
    private static final Duration FOURTH_BACKOFF_AT_MOST = Duration.ofSeconds(12);

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

                JsonNode after = emailsById(jmap, List.of(first, second, third));
                assertThat(after.get(first).get("keywords").has("$flagged")).as(after.toString()).isTrue();
                assertThat(keysOf(after.get(second).get("mailboxIds"))).containsExactly(archive);
                assertThat(after.has(third)).as("destroyed " + third + " still read: " + after).isFalse();
                assertThat(queryInMailbox(jmap, inbox)).doesNotContain(second, third).contains(first);

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
            BlockingQueue<String> flagEvents = JmapClient.newLineQueue();
            CompletableFuture<?> flagStream = jmap.eventSource(flagEvents);
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.command("SELECT Archive");
                awaitSubscribed(imap, flagEvents);
                long flagged = System.nanoTime();
                imap.command("STORE 1 +FLAGS (\\Seen)");
                assertThat(nextStateChange(flagEvents, PUSH_DEADLINE)).contains("Email");
                assertThat(Duration.ofNanos(System.nanoTime() - flagged)).isLessThan(PUSH_DEADLINE);
            } finally {
                flagStream.cancel(true);
            }
            JsonNode flagChanges = changesSince(jmap, beforeImapFlag);
            assertThat(texts(flagChanges.get("updated"))).containsExactly(second);
            assertThat(flagChanges.get("created")).isEmpty();
            assertThat(emailsById(jmap, List.of(second)).get(second).get("keywords").has("$seen")).isTrue();
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
            assertThat(changes.get("oldState").asText()).isEqualTo(stateBeforeRestart);
            assertThat(changes.get("hasMoreChanges").asBoolean()).isFalse();
            assertThat(changes.get("updated")).isEmpty();
            assertThat(changes.get("destroyed")).isEmpty();
            assertThat(subjectsById(resumed, texts(changes.get("created"))).values()).containsExactly("after restart");
        }
    }

    @Test
    void webPushVerifiesASubscriptionPushesAStateChangeWithinASecondOfAnAppendAndKeepsTheSubscriptionAfterARestart() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        allowLocalPushService(home);
        try (PushService pushService = PushService.start()) {
            String subscription;
            try (InProcessServer server = InProcessServer.start(home)) {
                JmapClient jmap = aliceOn(home);
                subscription = subscribe(jmap, pushService, "phone", null);
                assertStateChangePushedWithinASecondOfAnAppend(home, jmap, pushService);
            }

            try (InProcessServer server = InProcessServer.start(home)) {
                JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
                jmap.session();
                JsonNode list = pushSubscriptions(jmap);
                assertThat(list).hasSize(1);
                assertThat(list.get(0).get("id").asText()).isEqualTo(subscription);
                assertThat(list.get(0).get("deviceClientId").asText()).isEqualTo("phone");

                assertStateChangePushedWithinASecondOfAnAppend(home, jmap, pushService);
                LmtpClient.deliver(home.lmtpPort, "bob@remote.example", ALICE, message("delivered"));
                PushService.Push delivered = pushService.nextDelivered("StateChange", EVENTUALLY);
                assertThat(delivered.body.get("changed").get(jmap.accountId()).has("Email")).as(delivered.toString()).isTrue();
            }
        }
    }

    /**
     * Push services that fail: one answers 410 (its subscription is removed, never pushed again), one 503 twice and one
     * not at all twice (both get the push on the third attempt), one 503 four times (one push and three retries, then
     * nothing; the next state change reaches it); an expired subscription gets nothing; a healthy one gets each push once, and no push service holds
     * up the APPEND that changed the state.
     */
    @Test
    void webPushRetriesUnavailablePushServicesRemovesGoneSubscriptionsAndSkipsExpiredOnes() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        allowLocalPushService(home);
        home.edit("jmap.properties", "# webpush.maxTimeoutSeconds=30", "webpush.maxTimeoutSeconds=1");
        try (PushService pushService = PushService.start(); InProcessServer server = InProcessServer.start(home)) {
            JmapClient jmap = aliceOn(home);
            Map<String, String> subscriptions = new HashMap<>();
            for (String device : List.of("phone", "gone", "flaky", "silent", "down")) {
                subscriptions.put(device, subscribe(jmap, pushService, device, null));
            }
            Instant expiry = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
            subscriptions.put("expiring", subscribe(jmap, pushService, "expiring", expiry));
            pushService.script("gone", 410, 410);
            pushService.script("flaky", 503, 503);
            pushService.script("silent", PushService.NO_ANSWER, PushService.NO_ANSWER);
            pushService.script("down", 503, 503, 503, 503);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 500);
            pushService.forget();

            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                long appending = System.nanoTime();
                imap.append("INBOX", message("to every device"));
                assertThat(Duration.ofNanos(System.nanoTime() - appending)).as("APPEND").isLessThan(PUSH_DEADLINE);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(pushService.statusesOf("flaky")).containsExactly(503, 503, 201);
                assertThat(pushService.statusesOf("silent")).containsExactly(PushService.NO_ANSWER, PushService.NO_ANSWER, 201);
                assertThat(pushService.statusesOf("down")).containsExactly(503, 503, 503, 503);
                assertThat(keysOf(subscriptionsById(jmap))).doesNotContain(subscriptions.get("gone"));
            });
            // the retries are bounded: nothing more to the service that stays down, not even after a fourth back-off
            Thread.sleep(FOURTH_BACKOFF_AT_MOST.toMillis());
            assertThat(pushService.statusesOf("down")).containsExactly(503, 503, 503, 503);
            assertThat(pushService.statusesOf("gone")).containsExactly(410);
            assertThat(pushService.statusesOf("expiring")).isEmpty();
            assertThat(pushService.deliveredTo("phone", "StateChange")).hasSize(1);
            assertThat(keysOf(subscriptionsById(jmap))).containsExactlyInAnyOrder(
                subscriptions.get("phone"), subscriptions.get("flaky"), subscriptions.get("silent"), subscriptions.get("down"));

            pushService.forget();
            assertStateChangePushedWithinASecondOfAnAppend(home, jmap, pushService);
            await().atMost(EVENTUALLY).until(() -> pushService.deliveredTo("flaky", "StateChange").size() == 1
                && pushService.deliveredTo("silent", "StateChange").size() == 1
                && pushService.deliveredTo("down", "StateChange").size() == 1);
            assertThat(pushService.statusesOf("gone")).isEmpty();
            assertThat(pushService.statusesOf("expiring")).isEmpty();
        }
    }

    @Test
    void webSocketAnswersRequestsAndPushesAFlagSetOverImap() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        try (InProcessServer server = InProcessServer.start(home)) {
            JmapClient jmap = aliceOn(home);
            try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                imap.append("INBOX", message("flag me"));
            }
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            WebSocket socket = jmap.webSocket(messages);
            try {
                ObjectNode get = arguments();
                get.putNull("ids");
                socket.sendText(JmapClient.JSON.writeValueAsString(jmap.webSocketRequest("mailboxes", "Mailbox/get", get)), true).join();
                JsonNode response = nextMessage(messages, "Response", EVENTUALLY);
                assertThat(response.get("requestId").asText()).isEqualTo("mailboxes");
                JsonNode invocation = response.get("methodResponses").get(0);
                assertThat(invocation.get(0).asText()).isEqualTo("Mailbox/get");
                List<String> names = new ArrayList<>();
                invocation.get(1).get("list").forEach(mailbox -> names.add(mailbox.get("name").asText()));
                assertThat(names).contains("INBOX", "Archive", "Sent", "Trash");

                socket.sendText("{\"@type\":\"WebSocketPushEnable\",\"dataTypes\":null}", true).join();
                try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                    imap.command("SELECT INBOX");
                    // pushing is enabled asynchronously: the first change proves it is, the second one is timed
                    await().atMost(EVENTUALLY).until(() -> {
                        imap.command("STORE 1 FLAGS (\\Answered)");
                        imap.command("STORE 1 -FLAGS (\\Answered)");
                        return messages.stream().anyMatch(message -> message.contains("StateChange"));
                    });
                    messages.clear();
                    long flagged = System.nanoTime();
                    imap.command("STORE 1 +FLAGS (\\Flagged)");
                    JsonNode stateChange = nextMessage(messages, "StateChange", PUSH_DEADLINE);
                    assertThat(Duration.ofNanos(System.nanoTime() - flagged)).isLessThan(PUSH_DEADLINE);
                    assertThat(stateChange.get("changed").get(jmap.accountId()).has("Email")).as(stateChange.toString()).isTrue();
                }
            } finally {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            }
        }
    }

    /**
     * {@code https.enabled=true}: JMAP in HTTPS with the server's certificate, to a client that trusts the server's
     * keystore and checks the host name; a client speaking plain HTTP to that port gets no answer.
     */
    @Test
    void httpsWithTheServersCertificateAndNoPlainHttp() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        home.edit("jmap.properties", "#https.enabled=true", "https.enabled=true");
        home.edit("jmap.properties", "url.prefix=http://127.0.0.1:", "url.prefix=https://127.0.0.1:");
        home.edit("jmap.properties", "websocket.url.prefix=ws://127.0.0.1:", "websocket.url.prefix=wss://127.0.0.1:");
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(home)).build();
            JmapClient jmap = new JmapClient(trusting, "https://127.0.0.1:" + home.jmapPort, ALICE, PASSWORD);

            JsonNode session = jmap.session();
            assertThat(session.get("apiUrl").asText()).startsWith("https://127.0.0.1:" + home.jmapPort + "/");
            assertThat(mailboxIdsByName(jmap)).containsKeys("INBOX", "Archive", "Sent", "Trash");

            HttpClient untrusting = HttpClient.newHttpClient();
            assertThatThrownBy(() -> new JmapClient(untrusting, "https://127.0.0.1:" + home.jmapPort, ALICE, PASSWORD).session())
                .isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> new JmapClient(home.jmapPort, ALICE, PASSWORD).session())
                .isInstanceOf(IOException.class);
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

    private static void assertStateChangePushedWithinASecondOfAnAppend(ServerHome home, JmapClient jmap, PushService pushService) throws Exception {
        try (RawImapSession imap = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
            long appended = System.nanoTime();
            imap.append("INBOX", message("pushed"));
            PushService.Push stateChange = pushService.nextDelivered("StateChange", PUSH_DEADLINE);
            assertThat(Duration.ofNanos(System.nanoTime() - appended)).isLessThan(PUSH_DEADLINE);
            assertThat(stateChange.body.get("changed").get(jmap.accountId()).has("Email")).as(stateChange.toString()).isTrue();
        }
    }

    /** The push service of these tests listens on loopback, which James refuses by default. */
    private static void allowLocalPushService(ServerHome home) throws Exception {
        home.edit("jmap.properties", "# webpush.prevent.server.side.request.forgery=false", "webpush.prevent.server.side.request.forgery=false");
    }

    /** Creates alice and her JMAP client with its session and default mailboxes. */
    private static JmapClient aliceOn(ServerHome home) throws Exception {
        WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
        webAdmin.createDomain(DOMAIN);
        webAdmin.createUser(ALICE, PASSWORD);
        JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
        jmap.session();
        mailboxIdsByName(jmap);
        return jmap;
    }

    /**
     * Creates a push subscription of Email changes (one push per APPEND) to the push service's URL for the device, expiring
     * when given; sends back the verification code pushed to it; returns the subscription's id.
     */
    private static String subscribe(JmapClient jmap, PushService pushService, String device, Instant expires) throws Exception {
        ObjectNode create = arguments();
        ObjectNode subscription = create.putObject("create").putObject(device);
        subscription.put("deviceClientId", device).put("url", pushService.url(device));
        subscription.putArray("types").add("Email");
        if (expires != null) {
            subscription.put("expires", expires.toString());
        }
        JsonNode created = jmap.call("PushSubscription/set", create);
        assertThat(created.get("created").has(device)).as("created " + created).isTrue();
        String id = created.get("created").get(device).get("id").asText();

        PushService.Push verification = pushService.nextDelivered("PushVerification", EVENTUALLY);
        assertThat(verification.body.get("pushSubscriptionId").asText()).isEqualTo(id);
        ObjectNode verify = arguments();
        verify.putObject("update").putObject(id).put("verificationCode", verification.body.get("verificationCode").asText());
        assertThat(jmap.call("PushSubscription/set", verify).get("updated").has(id)).isTrue();
        return id;
    }

    private static JsonNode pushSubscriptions(JmapClient jmap) throws Exception {
        ObjectNode get = arguments();
        get.putNull("ids");
        return jmap.call("PushSubscription/get", get).get("list");
    }

    private static ObjectNode subscriptionsById(JmapClient jmap) throws Exception {
        ObjectNode byId = JmapClient.JSON.createObjectNode();
        pushSubscriptions(jmap).forEach(subscription -> byId.set(subscription.get("id").asText(), subscription));
        return byId;
    }

    /** The next WebSocket message of the given {@code @type}, passing over others, or fails after the timeout. */
    private static JsonNode nextMessage(BlockingQueue<String> messages, String type, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String message;
        while ((message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            JsonNode json = JmapClient.JSON.readTree(message);
            if (type.equals(json.path("@type").asText())) {
                return json;
            }
        }
        throw new AssertionError("No " + type + " on the WebSocket within " + timeout);
    }

    /** TLS trusting the certificate of the server's keystore (created at its first start), and no other. */
    private static SSLContext trusting(ServerHome home) throws Exception {
        Path keystore = home.root.resolve("var/tls/keystore");
        char[] secret = Files.readString(home.root.resolve("var/tls/keystore.secret")).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, secret);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
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

    /** Email/get of the ids with their keywords and mailboxes, keyed by id (ids not found are absent). */
    private static ObjectNode emailsById(JmapClient jmap, List<String> ids) throws Exception {
        ObjectNode get = arguments();
        ids.forEach(get.putArray("ids")::add);
        get.putArray("properties").add("id").add("keywords").add("mailboxIds");
        ObjectNode byId = JmapClient.JSON.createObjectNode();
        for (JsonNode email : jmap.call("Email/get", get).get("list")) {
            byId.set(email.get("id").asText(), email);
        }
        return byId;
    }

    private static List<String> keysOf(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Makes a first IMAP change (\Answered on message 1 of the selected mailbox) and waits for its StateChange. */
    private static void awaitSubscribed(RawImapSession imap, BlockingQueue<String> events) throws Exception {
        imap.command("STORE 1 +FLAGS (\\Answered)");
        nextStateChange(events, EVENTUALLY);
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
