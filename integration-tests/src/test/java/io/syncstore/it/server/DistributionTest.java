package io.syncstore.it.server;

import static io.syncstore.it.server.MailClient.open;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution, unpacked and run with its start script as a separate process, as on a machine with only
 * a Java runtime.
 */
class DistributionTest {
    private static final String NOBODY = "65534";

    @TempDir
    Path folder;

    @Test
    void mailAcceptedBeforeASigkillIsDeliveredAfterTheRestart() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        home.delayDeliveryOfMarkedMail("10s");
        StartScript script = StartScript.of(home);
        MailClient client = new MailClient(home);
        WebAdmin webAdmin = new WebAdmin(home.webAdminPort);

        StartScript.Outcome started = script.run("start");
        assertThat(started.exitCode).as(started.output).isZero();
        assertThat(started.lastLine()).startsWith("SyncStore James started");
        webAdmin.createDomain(DOMAIN);
        webAdmin.createUser(ALICE, PASSWORD);

        client.send(client.message("bob@remote.example", ALICE, "delivered before the kill", "first"));
        try (Store imap = client.imap(ALICE, PASSWORD)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Mailboxes.count(imap, "INBOX") == 1);
            Folder inbox = open(imap, "INBOX");
            Mailboxes.withSubject(inbox, "delivered before the kill").setFlag(Flags.Flag.FLAGGED, true);
            inbox.close(false);

            MimeMessage slow = client.message("bob@remote.example", ALICE, "accepted before the kill", "second");
            slow.setHeader("X-Slow-Delivery", "yes");
            client.send(slow);
            // the first mail leaves the spool once its processing is acknowledged, a moment after it is in the INBOX
            await().atMost(Duration.ofSeconds(5)).until(() -> webAdmin.get("/mailQueues/spool").contains("\"size\":1"));
            assertThat(Mailboxes.count(imap, "INBOX")).as("accepted by SMTP, not delivered yet").isEqualTo(1);
        }

        ProcessHandle server = ProcessHandle.of(script.pid()).orElseThrow();
        assertThat(server.destroyForcibly()).isTrue();
        assertThat(server.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        StartScript.Outcome restarted = script.run("start");
        assertThat(restarted.exitCode).as(restarted.output).isZero();
        try (Store imap = client.imap(ALICE, PASSWORD)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Mailboxes.count(imap, "INBOX") == 2);
            Folder inbox = open(imap, "INBOX");
            assertThat(Mailboxes.subjects(inbox)).containsExactly("delivered before the kill", "accepted before the kill");
            assertThat(Mailboxes.withSubject(inbox, "delivered before the kill").isSet(Flags.Flag.FLAGGED)).isTrue();
            inbox.close(false);
        }
        assertThat(webAdmin.get("/mailQueues/spool")).contains("\"size\":0");

        long pid = script.pid();
        StartScript.Outcome stopped = script.run("stop");
        assertThat(stopped.exitCode).as(stopped.output).isZero();
        assertThat(stopped.lastLine()).isEqualTo("SyncStore James stopped");
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(home.root.resolve("var/syncstore-james.pid")).doesNotExist();
    }

    @Test
    void configurationAndDataOutsideTheDistributionWithImapsAndSubmissionOnTheGeneratedKey() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        Path conf = Files.createDirectory(folder.resolve("etc"));
        Path data = folder.resolve("data");
        try (Stream<Path> files = Files.list(home.root.resolve("conf"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        StartScript script = StartScript.of(home).withEnvironment(Map.of("SYNCSTORE_CONF", conf.toString(), "SYNCSTORE_DATA", data.toString()));
        MailClient client = new MailClient(home);

        StartScript.Outcome started = script.run("start");
        assertThat(started.exitCode).as(started.output).isZero();
        WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
        webAdmin.createDomain(DOMAIN);
        webAdmin.createUser(ALICE, PASSWORD);
        client.submit(client.message(ALICE, ALICE, "over implicit TLS", "submitted on 465"), ALICE, PASSWORD);
        try (Store imaps = client.imaps(ALICE, PASSWORD)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Mailboxes.count(imaps, "INBOX") == 1);
        }
        JmapClient jmap = new JmapClient(home.jmapPort, ALICE, PASSWORD);
        assertThat(jmap.session().get("capabilities").has("urn:ietf:params:jmap:mail")).as("JMAP is on, on loopback").isTrue();
        dropConnectionAbruptly(home.imapPort);
        assertThat(script.run("stop").exitCode).isZero();
        assertThat(data.resolve("log/syncstore-james.log")).content()
            .as("connections are not logged, a client's reset is no stack trace")
            .doesNotContain("Connection established", "Connection closed", "SocketException");

        assertThat(data.resolve("syncstore/mail.db")).exists();
        assertThat(data.resolve("log/syncstore-james.log")).content().contains("JAMES server started")
            .contains("JMAP listens on http://127.0.0.1:" + home.jmapPort);
        assertThat(home.root.resolve("var")).doesNotExist();
        for (Path secretFile : List.of(data.resolve("tls/keystore"), data.resolve("tls/keystore.secret"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).as(secretFile.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(data.resolve("tls/keystore.secret")).trim()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("james72laBalle");
    }

    @Test
    void aNewConfigurationFolderIsCopiedFromTheDistributionAndAnExistingOneIsLeftAsItIs() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        StartScript asUser = scriptOfAnUnprivilegedUser(home);
        Path conf = home.root.resolve("new-conf");
        Path data = Files.createDirectory(home.root.resolve("data"));
        StartScript script = asUser.withEnvironment(Map.of("SYNCSTORE_CONF", conf.toString(), "SYNCSTORE_DATA", data.toString()));
        // An unwritable data folder ends the run before a port is opened: only the configuration step is observed.
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));

        StartScript.Outcome first = script.run("run");

        assertThat(first.output).startsWith("Created " + conf + " from " + home.root.resolve("conf"));
        assertThat(first.lastLine()).isEqualTo("SyncStore James did not start: environment: SYNCSTORE_DATA: the data folder "
            + data + " is not writable by this process");
        assertThat(conf.resolve("imapserver.xml")).hasSameTextualContentAs(home.conf("imapserver.xml"));
        assertThat(conf.resolve("syncstore.xml")).hasSameTextualContentAs(home.conf("syncstore.xml"));

        Files.writeString(conf.resolve("imapserver.xml"), "<imapservers/>");
        StartScript.Outcome second = script.run("run");
        assertThat(second.output).doesNotContain("Created");
        assertThat(conf.resolve("imapserver.xml")).content().isEqualTo("<imapservers/>");
    }

    @Test
    void brokenConfigurationStopsTheStartWithTheFileAndTheKey() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        home.edit("syncstore.xml", "<readConnections>4</readConnections>", "<readConnections>four</readConnections>");

        StartScript.Outcome outcome = StartScript.of(home).run("start");

        assertThat(outcome.exitCode).isEqualTo(1);
        assertThat(outcome.lastLine())
            .isEqualTo("SyncStore James did not start: syncstore.xml: readConnections: 'four' is not a whole number");
    }

    @Test
    void misspeltKeyInSyncstoreXmlStopsTheStartWithTheFileAndTheKey() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        home.edit("syncstore.xml", "<sync>full</sync>", "<synch>full</synch>");

        StartScript.Outcome outcome = StartScript.of(home).run("run");

        assertThat(outcome.exitCode).isEqualTo(1);
        assertThat(outcome.output.strip()).as("the console shows one line, the details are in the log file")
            .isEqualTo("SyncStore James did not start: syncstore.xml: synch: unknown key (known keys: database, contentDirectory, sync, "
                + "inlineContentThreshold, readConnections, busyTimeout, expungeLogRetention, mailQueueLease, backend, postgresql.url, "
                + "postgresql.user, postgresql.password, postgresql.passwordFile, postgresql.poolSize, postgresql.tls, "
                + "postgresql.tlsRootCertificate)");
        assertThat(home.root.resolve("var/log/syncstore-james.log")).content()
            .contains("SyncStore James did not start: syncstore.xml: synch: unknown key")
            .contains("at io.syncstore.config.ConfigurationReader.rejectUnknownKeys");
    }

    @Test
    void dataFolderWithoutWritePermissionStopsTheStartWithThePath() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        Path var = Files.createDirectory(home.root.resolve("var"));
        StartScript script = scriptOfAnUnprivilegedUser(home);
        Files.setPosixFilePermissions(var, PosixFilePermissions.fromString("r-xr-xr-x"));

        StartScript.Outcome outcome = script.run("run");

        assertThat(outcome.exitCode).as(outcome.output).isEqualTo(1);
        assertThat(outcome.lastLine()).isEqualTo("SyncStore James did not start: environment: SYNCSTORE_DATA: the data folder "
            + var + " is not writable by this process");
    }

    @Test
    void unreadableConfigurationFileStopsTheStartWithItsName() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        StartScript script = scriptOfAnUnprivilegedUser(home);
        Files.setPosixFilePermissions(home.conf("lmtpserver.xml"), PosixFilePermissions.fromString("---------"));

        StartScript.Outcome outcome = script.run("run");

        assertThat(outcome.exitCode).as(outcome.output).isEqualTo(1);
        assertThat(outcome.lastLine()).isEqualTo("SyncStore James did not start: lmtpserver.xml: (file): "
            + home.conf("lmtpserver.xml") + " exists but cannot be read by this process");
    }

    /** A client that sends a command and then resets its connection (SO_LINGER 0), as a phone losing its network. */
    private static void dropConnectionAbruptly(int imapPort) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), imapPort)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).startsWith("* OK");
            socket.getOutputStream().write("a NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).startsWith("a OK");
            socket.setSoLinger(true, 0);
        }
    }

    /** Root reads and writes anywhere: when the tests run as root, the server runs as nobody, owner of its home. */
    private StartScript scriptOfAnUnprivilegedUser(ServerHome home) throws Exception {
        if (!isRoot()) {
            return StartScript.of(home);
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new ProcessBuilder("chown", "-R", NOBODY + ":" + NOBODY, home.root.toString()).start().waitFor()).isZero();
        return StartScript.asUser(home, List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        return new String(id.getInputStream().readAllBytes()).trim().equals("0");
    }
}
