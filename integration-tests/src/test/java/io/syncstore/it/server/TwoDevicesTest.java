package io.syncstore.it.server;

import static io.syncstore.it.server.MailClient.open;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user on two devices: a mail program (Angus Mail) changes the mailboxes while a second IMAP connection idles on
 * the INBOX. New and removed messages and flag changes of the selected mailbox are pushed while it idles; folder
 * changes, and whatever changes while it is not idling, reach it with its next command. Real IDLE clients (Angus
 * Mail's {@code IMAPFolder.idle()}, Python's imaplib) see the flag changes.
 */
class TwoDevicesTest {
    private static final Duration PUSH = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void whatOneDeviceDoesReachesTheOther() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            LmtpClient.deliver(home.lmtpPort, "bob@remote.example", ALICE,
                "From: bob@remote.example\nTo: " + ALICE + "\nSubject: first\n\nhello\n");

            try (Store laptop = client.imap(ALICE, PASSWORD);
                 RawImapSession phone = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                assertThat(phone.command("SELECT INBOX")).contains("* 1 EXISTS");
                IMAPFolder inbox = (IMAPFolder) open(laptop, "INBOX");
                phone.idle();

                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "appended", "from the laptop")});
                phone.awaitPushed(line -> line.equals("* 2 EXISTS"), PUSH);

                Mailboxes.withSubject(inbox, "appended").setFlag(Flags.Flag.SEEN, true);
                phone.awaitPushed(line -> line.startsWith("* 2 FETCH (") && line.contains("\\Seen"), PUSH);
                Mailboxes.withSubject(inbox, "appended").setFlags(new Flags("$Important"), true);
                List<String> keyword = phone.awaitPushed(line -> line.startsWith("* 2 FETCH (") && line.contains("$Important"), PUSH);
                assertThat(keyword).anyMatch(line -> line.startsWith("* FLAGS (") && line.contains("$Important"));
                Mailboxes.withSubject(inbox, "appended").setFlag(Flags.Flag.SEEN, false);
                phone.awaitPushed(line -> line.startsWith("* 2 FETCH (") && !line.contains("\\Seen"), PUSH);

                Mailboxes.withSubject(inbox, "appended").setFlag(Flags.Flag.DELETED, true);
                inbox.expunge();
                phone.awaitPushed(line -> line.equals("* 2 EXPUNGE"), PUSH);

                Folder archive = laptop.getFolder("Archive");
                archive.create(Folder.HOLDS_MESSAGES);
                inbox.moveMessages(new Message[] {Mailboxes.withSubject(inbox, "first")}, archive);
                phone.awaitPushed(line -> line.equals("* 1 EXPUNGE"), PUSH);
                phone.done();

                Folder projects = laptop.getFolder("Projects");
                projects.create(Folder.HOLDS_MESSAGES);
                assertThat(projects.renameTo(laptop.getFolder("Projects 2026"))).isTrue();
                List<String> mailboxes = phone.command("LIST \"\" \"*\"");
                assertThat(mailboxes).anyMatch(line -> line.endsWith(" \"Projects 2026\""))
                    .noneMatch(line -> line.endsWith(" \"Projects\""))
                    .anyMatch(line -> line.endsWith(" \"Archive\""));
                assertThat(phone.command("STATUS Archive (MESSAGES)")).containsExactly("* STATUS \"Archive\" (MESSAGES 1)");

                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "while not idling", "later")});
                Mailboxes.withSubject(inbox, "while not idling").setFlag(Flags.Flag.FLAGGED, true);
                assertThat(phone.command("NOOP")).contains("* 1 EXISTS")
                    .anyMatch(line -> line.startsWith("* 1 FETCH (") && line.contains("\\Flagged"));
                assertThat(phone.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                    .anyMatch(line -> line.contains("Subject: while not idling"));
            }
        }
    }

    /** Angus Mail's {@code IMAPFolder.idle()} gets a {@code MessageChangedEvent} for a flag set on another device. */
    @Test
    void aMailProgramIdlingIsToldOfFlagChanges() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            try (Store laptop = client.imap(ALICE, PASSWORD); Store phone = client.imap(ALICE, PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) open(laptop, "INBOX");
                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "to flag", "from the laptop")});
                IMAPFolder watched = (IMAPFolder) open(phone, "INBOX");
                assertThat(watched.getMessageCount()).isEqualTo(1);
                CompletableFuture<Boolean> flaggedSeen = new CompletableFuture<>();
                watched.addMessageChangedListener(event -> {
                    try {
                        if (event.getMessageChangeType() == MessageChangedEvent.FLAGS_CHANGED) {
                            flaggedSeen.complete(event.getMessage().isSet(Flags.Flag.FLAGGED));
                        }
                    } catch (MessagingException e) {
                        flaggedSeen.completeExceptionally(e);
                    }
                });
                Thread idler = new Thread(() -> {
                    try {
                        watched.idle(true);
                    } catch (MessagingException e) {
                        flaggedSeen.completeExceptionally(e);
                    }
                });
                idler.start();
                Mailboxes.withSubject(inbox, "to flag").setFlag(Flags.Flag.FLAGGED, true);
                assertThat(flaggedSeen.get(PUSH.toSeconds(), TimeUnit.SECONDS)).isTrue();
                idler.join(PUSH.toMillis());
                assertThat(idler.isAlive()).isFalse();
            }
        }
    }

    /** Python's imaplib, idling (RFC 2177) on one connection, reads the FETCH FLAGS of a change made on another. */
    @Test
    void pythonImaplibIdlingSeesFlagChanges() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            try (Store laptop = client.imap(ALICE, PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) open(laptop, "INBOX");
                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "to flag", "from the laptop")});
                Path script = folder.resolve("idle.py");
                Files.writeString(script, PYTHON_IDLE);
                Process python = new ProcessBuilder("python3", script.toString(), String.valueOf(home.imapPort), ALICE, PASSWORD)
                    .redirectErrorStream(true)
                    .start();
                try {
                    BlockingQueue<String> output = new LinkedBlockingQueue<>();
                    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                        .lines().forEach(output::add));
                    reader.setDaemon(true);
                    reader.start();
                    assertThat(output.poll(PUSH.toSeconds(), TimeUnit.SECONDS)).isEqualTo("IDLING");
                    Mailboxes.withSubject(inbox, "to flag").setFlag(Flags.Flag.FLAGGED, true);
                    assertThat(output.poll(PUSH.toSeconds(), TimeUnit.SECONDS)).matches("\\* 1 FETCH \\(.*FLAGS \\(.*\\\\Flagged.*");
                    assertThat(python.waitFor(PUSH.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    assertThat(python.exitValue()).as(String.join("\n", output)).isZero();
                } finally {
                    python.destroyForcibly();
                }
            }
        }
    }

    /** Logs in over STARTTLS, selects INBOX, idles, prints what it reads until a FETCH with FLAGS, then DONE. */
    private static final String PYTHON_IDLE = String.join("\n",
        "import imaplib, ssl, sys",
        "port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]",
        "imap = imaplib.IMAP4('127.0.0.1', port)",
        "imap.starttls(ssl._create_unverified_context())",
        "imap.login(user, password)",
        "imap.select('INBOX')",
        "tag = imap._new_tag().decode()",
        "imap.send((tag + ' IDLE\\r\\n').encode())",
        "assert imap.readline().startswith(b'+')",
        "print('IDLING', flush=True)",
        "while True:",
        "    line = imap.readline().decode().rstrip()",
        "    if not line:",
        "        sys.exit('connection closed while idling')",
        "    if ' FETCH ' in line and 'FLAGS' in line:",
        "        print(line, flush=True)",
        "        break",
        "imap.send(b'DONE\\r\\n')",
        "while not imap.readline().decode().startswith(tag + ' OK'):",
        "    pass",
        "imap.logout()",
        "");

    /**
     * With NOTIFY (on by default in this server) the second device needs no IDLE: every change, flag changes
     * included, is pushed between its commands, and changes in other mailboxes arrive as STATUS and LIST.
     */
    @Test
    void aDeviceUsingNotifyIsToldOfEveryChangeAtOnce() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);

            try (Store laptop = client.imap(ALICE, PASSWORD);
                 RawImapSession phone = new RawImapSession(home.imapPort, ALICE, PASSWORD)) {
                assertThat(phone.command("CAPABILITY")).anyMatch(line -> line.contains(" NOTIFY"));
                phone.command("SELECT INBOX");
                phone.command("NOTIFY SET (selected (MessageNew (UID) MessageExpunge FlagChange))"
                    + " (personal (MessageNew MessageExpunge MailboxName))");
                IMAPFolder inbox = (IMAPFolder) open(laptop, "INBOX");

                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "pushed", "from the laptop")});
                phone.awaitPushed(line -> line.equals("* 1 EXISTS"), PUSH);

                Mailboxes.withSubject(inbox, "pushed").setFlag(Flags.Flag.FLAGGED, true);
                phone.awaitPushed(line -> line.startsWith("* 1 FETCH (") && line.contains("\\Flagged"), PUSH);

                // not "Archive": James provisions it at login
                Folder projects = laptop.getFolder("Projects");
                assertThat(projects.create(Folder.HOLDS_MESSAGES)).isTrue();
                phone.awaitPushed(line -> line.startsWith("* LIST ") && line.endsWith(" \"Projects\""), PUSH);

                inbox.moveMessages(new Message[] {Mailboxes.withSubject(inbox, "pushed")}, projects);
                Predicate<String> projectsStatus = line -> line.startsWith("* STATUS \"Projects\" (") && line.contains("MESSAGES 1");
                List<String> pushed = phone.awaitPushed(line -> line.equals("* 1 EXPUNGE"), PUSH);
                if (pushed.stream().noneMatch(projectsStatus)) {
                    phone.awaitPushed(projectsStatus, PUSH);
                }
            }
        }
    }

    /**
     * A phone that was offline reconnects with QRESYNC (Angus Mail's {@code open(mode, ResyncData)}): it is told
     * exactly which of its messages are gone, the head and the tail of the UID range included, and the flags that
     * changed, without reading the mailbox again.
     */
    @Test
    void aPhoneReconnectingWithQresyncLearnsExactlyWhatChanged() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        try (InProcessServer server = InProcessServer.start(home)) {
            WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            try (Store laptop = client.imap(ALICE, PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) open(laptop, "INBOX");
                for (int i = 0; i < 5; i++) {
                    inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "m" + i, "message " + i)});
                }
                ResyncData known;
                try (Store phone = client.imap(ALICE, PASSWORD)) {
                    IMAPFolder phoneInbox = (IMAPFolder) phone.getFolder("INBOX");
                    phoneInbox.open(Folder.READ_WRITE);
                    assertThat(phoneInbox.getMessageCount()).isEqualTo(5);
                    known = new ResyncData(phoneInbox.getUIDValidity(), phoneInbox.getHighestModSeq());
                    phoneInbox.close(false);
                }

                long first = inbox.getUID(Mailboxes.withSubject(inbox, "m0"));
                long last = inbox.getUID(Mailboxes.withSubject(inbox, "m4"));
                long flagged = inbox.getUID(Mailboxes.withSubject(inbox, "m1"));
                Mailboxes.withSubject(inbox, "m1").setFlag(Flags.Flag.FLAGGED, true);
                Mailboxes.withSubject(inbox, "m0").setFlag(Flags.Flag.DELETED, true);
                Mailboxes.withSubject(inbox, "m4").setFlag(Flags.Flag.DELETED, true);
                inbox.expunge();

                try (Store phone = client.imap(ALICE, PASSWORD)) {
                    IMAPFolder phoneInbox = (IMAPFolder) phone.getFolder("INBOX");
                    List<MailEvent> events = phoneInbox.open(Folder.READ_WRITE, known);
                    List<Long> vanished = events.stream().filter(MessageVanishedEvent.class::isInstance)
                        .flatMap(event -> Arrays.stream(((MessageVanishedEvent) event).getUIDs()).boxed())
                        .collect(Collectors.toList());
                    assertThat(vanished).containsExactlyInAnyOrder(first, last);
                    List<Message> changed = events.stream().filter(MessageChangedEvent.class::isInstance)
                        .map(event -> ((MessageChangedEvent) event).getMessage())
                        .collect(Collectors.toList());
                    assertThat(changed).hasSize(1);
                    assertThat(phoneInbox.getUID(changed.get(0))).isEqualTo(flagged);
                    assertThat(changed.get(0).isSet(Flags.Flag.FLAGGED)).isTrue();
                    phoneInbox.close(false);
                }
            }
        }
    }
}
