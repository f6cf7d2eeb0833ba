package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package on this machine, as an administrator uses it: {@code dpkg -i}, the server run the way its
 * systemd unit runs it, an upgrade that keeps the data and the edited configuration, a purge that leaves nothing.
 * Needs root and dpkg (CI runs as root on Debian without systemd): the unit's {@code ExecStart} is run as its
 * {@code User} with its {@code Environment} and {@code AmbientCapabilities} through setpriv. IMAP and IMAPS keep their
 * privileged ports 143 and 993 (bound through the capability); the other listeners are moved to free ports in the
 * installed configuration, which the upgrade must keep.
 */
class DebianPackageTest {
    private static final String PACKAGE = "syncstore-james";
    private static final Path UNIT = Paths.get("/lib/systemd/system/syncstore-james.service");
    private static final Path CONF = Paths.get("/etc/syncstore-james");
    private static final Path DATA = Paths.get("/var/lib/syncstore-james");
    private static final Duration START = Duration.ofMinutes(3);
    private static final String USER = "alice@deb.example";
    private static final String PASSWORD = "alice-secret";

    @TempDir
    Path folder;
    private Process server;
    private Path serverOutput;

    @BeforeEach
    void rootWithDpkg() throws Exception {
        assertThat(run("id", "-u").trim()).as("DebianPackageTest installs a package: run the tests as root").isEqualTo("0");
        assertThat(status("dpkg-query", "-W", PACKAGE)).as(PACKAGE + " is not installed before the test").isNotZero();
    }

    @AfterEach
    void purge() throws Exception {
        stopServer();
        status("dpkg", "--purge", PACKAGE);
    }

    @Test
    void installRunAsTheUnitDoesUpgradeKeepingDataAndPurge() throws Exception {
        Path deb = Paths.get(System.getProperty("syncstore.deb"));
        assertThat(status("dpkg", "-i", deb.toString())).as("dpkg -i " + deb).isZero();

        assertThat(run("getent", "passwd", "syncstore-james")).contains(":/var/lib/syncstore-james:/usr/sbin/nologin");
        assertThat(owner(DATA)).isEqualTo("syncstore-james");
        assertThat(run("dpkg-query", "--control-show", PACKAGE, "conffiles"))
            .contains("/etc/syncstore-james/syncstore.xml", "/etc/syncstore-james/imapserver.xml", "/etc/syncstore-james/logback.xml");
        assertThat(Paths.get("/usr/share/syncstore-james/plugins")).isDirectoryContaining("glob:**-imap-extensions.jar")
            .isDirectoryContaining("glob:**-backend.jar");
        Map<String, List<String>> unit = unitSettings();
        assertThat(unit.get("User")).containsExactly("syncstore-james");
        assertThat(unit.get("AmbientCapabilities")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(unit.get("CapabilityBoundingSet")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(unit.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(unit.get("ProtectSystem")).containsExactly("strict");
        assertThat(unit.get("ReadWritePaths")).containsExactly(DATA.toString());
        assertThat(unit.get("Environment")).contains("SYNCSTORE_CONF=" + CONF, "SYNCSTORE_DATA=" + DATA);
        int webAdminPort = moveUnprivilegedListenersToFreePorts();

        startAsTheUnit(unit);
        WebAdmin webAdmin = new WebAdmin(webAdminPort);
        webAdmin.createDomain("deb.example");
        webAdmin.createUser(USER, PASSWORD);
        try (Store imaps = imaps()) {
            Folder inbox = imaps.getFolder("INBOX");
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream("Subject: kept across the upgrade\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
            inbox.appendMessages(new Message[] {message});
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        }
        assertThat(owner(DATA.resolve("syncstore/mail.db"))).isEqualTo("syncstore-james");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA.resolve("tls/keystore")))).isEqualTo("rw-------");
        assertThat(Files.readString(serverOutput)).as("the log goes to standard output, the journal").contains("JAMES server started");
        stopServer();

        assertThat(status("dpkg", "-i", "--force-confold", deb.toString())).as("upgrade: dpkg -i again").isZero();
        assertThat(CONF.resolve("webadmin.properties")).content().contains("port=" + webAdminPort);
        startAsTheUnit(unitSettings());
        try (Store imaps = imaps()) {
            Folder inbox = imaps.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("kept across the upgrade");
            inbox.close(false);
        }
        stopServer();

        assertThat(status("dpkg", "--purge", PACKAGE)).isZero();
        assertThat(status("dpkg-query", "-W", PACKAGE)).isNotZero();
        assertThat(CONF).doesNotExist();
        assertThat(DATA).doesNotExist();
        assertThat(UNIT).doesNotExist();
        assertThat(Paths.get("/usr/share/syncstore-james")).doesNotExist();
        assertThat(status("getent", "passwd", "syncstore-james")).isNotZero();
    }

    /** The unit's ExecStart, as its User with its Environment and ambient capability, as systemd would start it. */
    private void startAsTheUnit(Map<String, List<String>> unit) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=syncstore-james", "--regid=syncstore-james",
            "--init-groups", "--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service", "--no-new-privs",
            "env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin"));
        command.addAll(unit.get("Environment"));
        command.addAll(Arrays.asList(unit.get("ExecStart").get(0).split(" ")));
        serverOutput = Files.createTempFile(folder, "journal", ".log");
        server = new ProcessBuilder(command).directory(Paths.get("/").toFile())
            .redirectErrorStream(true).redirectOutput(serverOutput.toFile()).start();
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.readString(serverOutput).contains("SyncStore James started")) {
            assertThat(server.isAlive()).as("the server ended:\n%s", Files.readString(serverOutput)).isTrue();
            assertThat(System.nanoTime()).as("started within " + START).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("graceful stop on SIGTERM").isTrue();
        }
        server = null;
    }

    private static Store imaps() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imaps.host", "127.0.0.1");
        properties.put("mail.imaps.port", "993");
        properties.put("mail.imaps.ssl.trust", "*");
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect(USER, PASSWORD);
        return store;
    }

    /** Keeps IMAP on 143 and 993; the others go to free ports, WebAdmin's is returned. */
    private static int moveUnprivilegedListenersToFreePorts() throws IOException {
        edit("smtpserver.xml", "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("smtpserver.xml", "<bind>0.0.0.0:465</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("smtpserver.xml", "<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("lmtpserver.xml", "<bind>127.0.0.1:24</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("pop3server.xml", "<bind>0.0.0.0:110</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("managesieveserver.xml", "<bind>0.0.0.0:4190</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit("imapserver.xml", "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:143</bind>");
        edit("imapserver.xml", "<bind>0.0.0.0:993</bind>", "<bind>127.0.0.1:993</bind>");
        int webAdminPort = FreePorts.next();
        edit("webadmin.properties", "port=8000", "port=" + webAdminPort);
        return webAdminPort;
    }

    private static Map<String, List<String>> unitSettings() throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && !line.startsWith("[") && equals > 0) {
                settings.computeIfAbsent(line.substring(0, equals).trim(), key -> new ArrayList<>()).add(line.substring(equals + 1).trim());
            }
        }
        return settings;
    }

    private static void edit(String file, String text, String replacement) throws IOException {
        Path path = CONF.resolve(file);
        String content = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(content).as(path.toString()).contains(text);
        Files.writeString(path, content.replace(text, replacement), StandardCharsets.UTF_8);
    }

    private static String owner(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class).owner().getName();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return output;
    }

    private static int status(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return process.exitValue();
    }
}
