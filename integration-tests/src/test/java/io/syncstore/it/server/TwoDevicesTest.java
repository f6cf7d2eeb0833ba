package io.syncstore.it.server;

import static io.syncstore.it.server.MailClient.open;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
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
 * the INBOX. New and removed messages of the selected mailbox are pushed while it idles; folder changes, and flag
 * changes made while it is not idling, reach it with its next command.
 *
 * <p>Flag changes made by another session while a connection idles are lost in James 3.8.1, with any backend:
 * {@code IdleProcessor}'s listener assembles {@code unsolicitedResponses} before {@code SelectedMailboxImpl} records
 * the event, so the FETCH is not sent, and {@code resetEvents} then forgets the change.
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
