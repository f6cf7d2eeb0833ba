package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server, run as its own process, under concurrent IMAP load: after serving 100 users, ten connections
 * on three users send random valid commands for a minute, three times in a row. No command may be refused, no
 * connection told of a sequence number it does not know, no message lost or duplicated, no
 * ConcurrentModificationException in the server's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLoadTest {
    private static final int WARM_UP_USERS = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final int CONNECTIONS = 10;
    private static final int USERS = 3;
    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final String PASSWORD = "load-secret";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?i)Message-ID: *(<[^>\\r\\n]+>)");

    @TempDir
    static Path folder;

    private StartScript script;
    private Path serverLog;
    private int imapPort;
    private final MessageLedger ledger = new MessageLedger();
    private final Violations warmUp = new Violations();

    @BeforeAll
    void startTheServerAndServeAHundredUsers() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        // one read connection: reads then wait for it, as they do for the pool's four when many connections read
        home.edit("syncstore.xml", "<readConnections>4</readConnections>", "<readConnections>1</readConnections>");
        imapPort = home.imapPort;
        serverLog = home.root.resolve("var/log/syncstore-james.log");
        script = StartScript.of(home);
        StartScript.Outcome started = script.run("start");
        assertThat(started.exitCode).as(started.output).isZero();
        WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
        webAdmin.createDomain(DOMAIN);
        long setUpStart = System.nanoTime();
        Violations setUp = new Violations();
        for (int i = 0; i < WARM_UP_USERS; i++) {
            webAdmin.createUser(user(i), PASSWORD);
            try (ViewCheckingConnection connection = ViewCheckingConnection.login(imapPort, user(i), PASSWORD, "set-up", setUp)) {
                connection.run("CREATE Projects", false);
                connection.logout();
            }
        }
        assertThat(setUp.none()).as("set-up: %s", setUp).isTrue();
        System.out.printf("%d users created and logged in once in %d ms%n", WARM_UP_USERS,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setUpStart));

        AtomicInteger nextUser = new AtomicInteger();
        runWorkers(WARM_UP, worker -> () -> user(nextUser.getAndIncrement() % WARM_UP_USERS), warmUp, "warm-up");
    }

    @AfterAll
    void stopTheServer() throws Exception {
        StartScript.Outcome stopped = script.run("stop");
        assertThat(stopped.exitCode).as(stopped.output).isZero();
    }

    @RepeatedTest(3)
    void tenConnectionsOnThreeUsersForAMinute(RepetitionInfo repetition) throws Exception {
        Violations violations = repetition.getCurrentRepetition() == 1 ? warmUp : new Violations();
        long logStart = Files.size(serverLog);

        runWorkers(LOAD, worker -> () -> user(worker % USERS), violations, "run-" + repetition.getCurrentRepetition());

        for (String user : ledger.takeTouchedUsers()) {
            findEveryMessage(user, violations);
        }
        byte[] wholeLog = Files.readAllBytes(serverLog);
        String log = new String(wholeLog, (int) logStart, wholeLog.length - (int) logStart, StandardCharsets.UTF_8);
        for (String line : log.split("\n")) {
            if (line.contains("ConcurrentModificationException")) {
                violations.add("ConcurrentModificationException in the server log", line.strip());
            }
        }
        assertThat(violations.none()).as("violations (warm-up included in the first run):%s%nserver errors meanwhile:%n%s",
            violations, errorsIn(log)).isTrue();
    }

    /** The first errors the server logged, each with the lines of its exception that follow it. */
    private static String errorsIn(String log) {
        StringBuilder errors = new StringBuilder();
        String[] lines = log.split("\n");
        int shown = 0;
        for (int i = 0; i < lines.length && shown < 3; i++) {
            if (lines[i].contains("[ERROR]")) {
                shown++;
                for (int j = i; j < Math.min(lines.length, i + 60); j++) {
                    errors.append(lines[j]).append('\n');
                }
            }
        }
        return errors.toString();
    }

    private void runWorkers(Duration duration, IntFunction<Supplier<String>> users, Violations violations,
                                  String messageIdPrefix) throws InterruptedException {
        AtomicLong commands = new AtomicLong();
        long seed = System.nanoTime();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
        for (int worker = 0; worker < CONNECTIONS; worker++) {
            threads.execute(new LoadWorker(worker, imapPort, PASSWORD, users.apply(worker), deadline, ledger, violations,
                commands, messageIdPrefix + "." + seed, seed + worker));
        }
        threads.shutdown();
        if (!threads.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            violations.add(Violations.CONNECTION_LOST, "connections still busy two minutes after the deadline");
        }
        System.out.printf("%s: %d commands in %d s by %d connections, seed %d%n", messageIdPrefix, commands.get(),
            duration.toSeconds(), CONNECTIONS, seed);
    }

    /** Every copy the workers hold is in its mailbox once the deleted ones are expunged, and nothing else is. */
    private void findEveryMessage(String user, Violations violations) throws Exception {
        try (ViewCheckingConnection connection = ViewCheckingConnection.login(imapPort, user, PASSWORD, "check", violations)) {
            for (String mailbox : LoadWorker.MAILBOXES) {
                connection.select(mailbox);
                connection.run("EXPUNGE", false);
                Map<String, Integer> found = new HashMap<>();
                if (connection.exists() > 0) {
                    for (String line : connection.run("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])", true).untagged) {
                        Matcher id = MESSAGE_ID.matcher(line);
                        if (id.find()) {
                            found.merge(id.group(1), 1, Integer::sum);
                        }
                    }
                }
                Map<String, Integer> expected = ledger.expected(user, mailbox);
                Set<String> ids = new HashSet<>(expected.keySet());
                ids.addAll(found.keySet());
                for (String id : ids) {
                    int want = expected.getOrDefault(id, 0);
                    int got = found.getOrDefault(id, 0);
                    if (got < want) {
                        violations.add(Violations.LOST_MESSAGE, user + " " + mailbox + " " + id + ": " + got + " of " + want);
                    } else if (got > want) {
                        violations.add(Violations.UNEXPECTED_MESSAGE, user + " " + mailbox + " " + id + ": " + got + " instead of " + want);
                    }
                }
            }
            connection.logout();
        }
    }

    private static String user(int number) {
        return "load" + number + "@" + DOMAIN;
    }
}
