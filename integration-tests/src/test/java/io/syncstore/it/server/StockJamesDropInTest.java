package io.syncstore.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SyncStore's IMAP package as a drop-in on a stock James 3.8.1 memory server, run as its own process: James's jars
 * only on the classpath, the IMAP extensions jar ({@code syncstore-<version>-imap-extensions.jar}, no SQLite, Flyway
 * or HikariCP) in {@code extensions-jars/}, James's sample configuration with the two lines
 * the README gives ({@code <imapPackages>}, {@code guice.extension.module}) and free ports. NOTIFY pushes, CONDSTORE
 * is advertised and a QRESYNC reconnect gets exactly the changes.
 */
class StockJamesDropInTest {
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration PUSH = Duration.ofSeconds(10);
    private static final String USER = "alice@stock.example";
    private static final String PASSWORD = "alice-secret";
    private static final Pattern NUMBER_AFTER = Pattern.compile("(UIDVALIDITY|HIGHESTMODSEQ) (\\d+)");

    @TempDir
    Path home;
    private Process james;

    @AfterEach
    void stop() throws InterruptedException {
        if (james != null) {
            james.destroy();
            james.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theImapExtensionsJarHoldsOnlyTheImapPackageAndWhatItUses() throws Exception {
        Path jar = Paths.get(System.getProperty("syncstore.plugin"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> classes = zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).collect(Collectors.toList());
            assertThat(classes).isNotEmpty()
                .allMatch(name -> name.startsWith("io/syncstore/imap/") || name.startsWith("io/syncstore/api/")
                    || name.startsWith("io/syncstore/mime/") || name.startsWith("io/syncstore/reactive/"));
            assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(name -> name.startsWith("org/sqlite/") || name.endsWith(".so"));
        }
        assertThat(Files.size(jar)).as("bytes").isLessThan(1024 * 1024);
    }

    @Test
    void notifyCondstoreAndQresyncFromExtensionsJars() throws Exception {
        int imapPort = FreePorts.next();
        int webAdminPort = FreePorts.next();
        configure(imapPort, webAdminPort);
        start();
        WebAdmin webAdmin = new WebAdmin(webAdminPort);
        webAdmin.createDomain("stock.example");
        webAdmin.createUser(USER, PASSWORD);

        long uidValidity;
        long highestModSeq;
        try (RawImapSession laptop = new RawImapSession(imapPort, USER, PASSWORD)) {
            assertThat(laptop.command("CAPABILITY").get(0)).contains(" NOTIFY").contains(" CONDSTORE").contains(" QRESYNC");
            for (int i = 1; i <= 4; i++) {
                laptop.append("INBOX", "Subject: m" + i + "\r\n\r\nmessage " + i + "\r\n");
            }
            laptop.command("ENABLE QRESYNC");
            String selected = String.join(" ", laptop.command("SELECT INBOX"));
            uidValidity = number(selected, "UIDVALIDITY");
            highestModSeq = number(selected, "HIGHESTMODSEQ");
            // PARTIAL (RFC 9394) from SyncStore's SEARCH and SORT processors on the stock James
            assertThat(laptop.command("CAPABILITY").get(0)).contains(" PARTIAL");
            assertThat(laptop.command("UID SEARCH RETURN (COUNT PARTIAL -1:-2) ALL").get(0)).endsWith(" UID PARTIAL (-1:-2 3:4) COUNT 4");
            assertThat(laptop.command("SORT RETURN (PARTIAL 1:2) (REVERSE SUBJECT) UTF-8 ALL").get(0)).endsWith(" PARTIAL (1:2 4,3)");

            try (RawImapSession phone = new RawImapSession(imapPort, USER, PASSWORD)) {
                phone.command("CREATE Work");
                phone.command("NOTIFY SET (personal (MessageNew MessageExpunge MailboxName))");
                laptop.append("Work", "Subject: pushed\r\n\r\nto the phone\r\n");
                phone.awaitPushed(line -> line.startsWith("* STATUS \"Work\" (") && line.contains("MESSAGES 1"), PUSH);
                laptop.command("CREATE Projects");
                phone.awaitPushed(line -> line.equals("* LIST () \".\" \"Projects\""), PUSH);
            }

            laptop.command("UID STORE 2 +FLAGS (\\Flagged)");
            laptop.command("UID STORE 1,4 +FLAGS (\\Deleted)");
            laptop.command("EXPUNGE");
        }
        try (RawImapSession phone = new RawImapSession(imapPort, USER, PASSWORD)) {
            phone.command("ENABLE QRESYNC");
            List<String> resync = phone.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + highestModSeq + "))");
            assertThat(resync).contains("* VANISHED (EARLIER) 1,4");
            assertThat(resync.stream().filter(line -> line.contains(" FETCH ")))
                .singleElement().asString().contains("UID 2").contains("\\Flagged");
        }
        try (RawImapSession client = new RawImapSession(imapPort, USER, PASSWORD)) {
            issue13OnJamesFramer(client);
        }
    }

    /**
     * Issue 13 on the packaged drop-in, whose commands James's own framer reads: what it offers (MULTIAPPEND, CATENATE,
     * UTF8=ACCEPT, IMAP4rev2 and LITERAL- need SyncStore's framer, URLAUTH a backend keeping access keys) and the
     * faults of the issue answered as Dovecot answers them.
     */
    private static void issue13OnJamesFramer(RawImapSession client) throws IOException {
        assertThat(client.command("CAPABILITY").get(0))
            .contains(" REPLACE", " CREATE-SPECIAL-USE", " COMPRESS=DEFLATE", " BINARY", " PREVIEW", " LIST-EXTENDED")
            .doesNotContain(" MULTIAPPEND", " CATENATE", " UTF8=ACCEPT", " IMAP4REV2", " URLAUTH", " LITERAL-");
        client.command("CREATE Empty");
        client.command("SELECT Empty");
        assertThat(client.command("UID FETCH 1:* (FLAGS)")).isEmpty();
        assertThat(client.command("LIST \"\" !#$&'+,-.0123456789:;<=>?@^_`|[}%*")).isEmpty();
        List<String> recursiveMatch = client.attempt("LIST (RECURSIVEMATCH) \"\" \"\"");
        assertThat(recursiveMatch.get(recursiveMatch.size() - 1)).matches("t\\d+ BAD.*");
        client.command("NOTIFY SET STATUS (mailboxes Work (MessageNew))");
        client.command("NOTIFY NONE");
    }

    private void configure(int imapPort, int webAdminPort) throws Exception {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(Paths.get(StockJamesDropInTest.class.getResource("/stock-james-conf").toURI()))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        edit(conf.resolve("imapserver.xml"), "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + imapPort + "</bind>");
        edit(conf.resolve("imapserver.xml"), "<bind>0.0.0.0:993</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit(conf.resolve("imapserver.xml"), "</imapservers>",
            "<imapPackages>io.syncstore.imap.SyncStoreImapPackage</imapPackages>\n</imapservers>");
        for (String port : List.of("25", "465", "587")) {
            edit(conf.resolve("smtpserver.xml"), "<bind>0.0.0.0:" + port + "</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        }
        edit(conf.resolve("pop3server.xml"), "<bind>0.0.0.0:110</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit(conf.resolve("managesieveserver.xml"), "<bind>0.0.0.0:4190</bind>", "<bind>127.0.0.1:" + FreePorts.next() + "</bind>");
        edit(conf.resolve("webadmin.properties"), "port=8000", "port=" + webAdminPort);
        edit(conf.resolve("jmap.properties"), "enabled=true", "enabled=false");
        edit(conf.resolve("jmx.properties"), "jmx.enabled=true", "jmx.enabled=false");
        Files.writeString(conf.resolve("extensions.properties"),
            "guice.extension.module=io.syncstore.imap.SyncStoreImapModule\n", StandardOpenOption.APPEND);
        run(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkey", "-alias", "james", "-keyalg", "RSA", "-storetype", "PKCS12", "-keystore",
            conf.resolve("keystore").toString(), "-storepass", "james72laBalle", "-keypass", "james72laBalle",
            "-dname", "CN=localhost", "-validity", "2");
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        Path plugin = Paths.get(System.getProperty("syncstore.plugin"));
        Files.copy(plugin, extensions.resolve(plugin.getFileName()));
    }

    private void start() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path log = home.resolve("james.log");
        james = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", stockClasspath(),
                "-Dworking.directory=" + home, "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
                "org.apache.james.MemoryJamesServerMain")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains("JAMES server started")) {
                return;
            }
            assertThat(james.isAlive()).as("James exited:\n%s", output).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("James did not start within " + START + ":\n" + Files.readString(log));
    }

    /** The test's classpath without SyncStore: James 3.8.1's memory app and what it depends on. */
    private static String stockClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("syncstore"))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("classes"))
            .collect(Collectors.joining(File.pathSeparator));
    }

    private static long number(String responses, String name) {
        Matcher matcher = NUMBER_AFTER.matcher(responses);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        throw new AssertionError(name + " not in " + responses);
    }

    private static void edit(Path file, String text, String replacement) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(content).as(file.toString()).contains(text);
        Files.writeString(file, content.replace(text, replacement), StandardCharsets.UTF_8);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }

}
