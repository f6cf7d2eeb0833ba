package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of the packaged distribution on PostgreSQL and RabbitMQ when either is down at start-up, or PostgreSQL goes
 * away while it runs: start-up stops in one line naming the file and key; clients are refused (IMAP NO [UNAVAILABLE], SMTP 4xx),
 * what was acknowledged stays, and service comes back by itself when PostgreSQL is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeOutagesTest {
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @TempDir
    static Path folder;

    private static PostgresServer postgres;
    private static RabbitMQServer broker;
    private static PackagedNode node;

    @BeforeAll
    static void startServices() throws Exception {
        NodeServices services = NodeServices.start();
        postgres = services.postgres;
        broker = services.broker;
        node = PackagedNode.unpack(folder, "node", services, "1m");
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.stopIfRunning();
        }
    }

    @Test
    @Order(1)
    void startUpWithPostgresqlOrRabbitmqDownStopsInOneLineNamingFileAndKey() throws Exception {
        postgres.stop();
        try {
            assertThat(node.failedStart()).contains("syncstore.xml").contains("postgresql");
        } finally {
            postgres.resume();
        }
        broker.stop();
        try {
            assertThat(node.failedStart()).contains("rabbitmq.properties: uri:").contains("Connection refused");
        } finally {
            broker.resume();
        }
        node.start();
        node.webAdmin().createDomain(DOMAIN);
        node.webAdmin().createUser(ALICE, PASSWORD);
    }

    @Test
    @Order(2)
    void whilePostgresqlIsAwayClientsAreRefusedAndServiceResumesWhenItIsBack() throws Exception {
        try (RawImapSession client = node.imap()) {
            String before = client.append("INBOX", "Subject: before the outage\r\n\r\nkept\r\n");
            client.command("SELECT INBOX");
            postgres.stop();
            SoftAssertions during = new SoftAssertions();
            try {
                long appending = System.nanoTime();
                during.assertThat(client.tryAppend("INBOX", "Subject: during the outage\r\n\r\nrefused\r\n"))
                    .matches("t\\d+ NO \\[UNAVAILABLE] .*");
                during.assertThat(Duration.ofNanos(System.nanoTime() - appending)).isLessThanOrEqualTo(ANSWER);
                during.assertThat(last(client.attempt("FETCH 1 (BODY[])"))).matches("t\\d+ NO \\[UNAVAILABLE] .*");
                during.assertThat(last(client.attempt("STATUS INBOX (MESSAGES)"))).matches("t\\d+ NO \\[UNAVAILABLE] .*");
                during.assertThat(SmtpAttempt.send(node.home.smtpPort, "bob@remote.example", ALICE,
                    "Subject: by smtp during the outage\n\nlater\n", ANSWER)).matches("4\\d\\d .*");
            } finally {
                postgres.resume();
            }
            during.assertAll();
            await().atMost(RECOVERY).ignoreExceptions()
                .until(() -> client.tryAppend("INBOX", "Subject: after the outage\r\n\r\nback\r\n").contains(" OK "));
            assertThat(SmtpAttempt.send(node.home.smtpPort, "bob@remote.example", ALICE, "Subject: by smtp after the outage\n\nback\n", ANSWER))
                .startsWith("250");
            await().atMost(RECOVERY).until(() -> client.command("SEARCH SUBJECT \"by smtp after the outage\"").stream()
                .anyMatch(line -> line.matches("\\* SEARCH \\d+")));
            assertThat(before).contains("APPENDUID");
            assertThat(client.command("SEARCH SUBJECT \"before the outage\"")).anyMatch(line -> line.matches("\\* SEARCH \\d+"));
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
