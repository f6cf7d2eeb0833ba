package io.syncstore.it.server;

import static io.syncstore.it.server.MailClient.open;
import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as SyncStoreJamesServerMain composes it, started in the test's JVM on the distribution's configuration:
 * mail arrives by SMTP and LMTP, is read over IMAP and POP3 and changed over IMAP, and a graceful restart on the
 * same var/ finds all of it as it was.
 */
class InProcessServerTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    @Test
    void mailArrivesOverSmtpAndLmtpAndItsStateSurvivesARestart() throws Exception {
        ServerHome home = ServerHome.unpack(folder);
        MailClient client = new MailClient(home);
        WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
        List<String> beforeRestart;
        try (InProcessServer server = InProcessServer.start(home)) {
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);

            client.send(client.message("bob@remote.example", ALICE, "by SMTP", "sent over SMTP"));
            LmtpClient.deliver(home.lmtpPort, "carol@remote.example", ALICE,
                "From: carol@remote.example\nTo: " + ALICE + "\nSubject: by LMTP\n\ndelivered over LMTP\n");

            try (Store imap = client.imap(ALICE, PASSWORD)) {
                await().atMost(DELIVERY).until(() -> Mailboxes.count(imap, "INBOX") == 2);
                Folder inbox = open(imap, "INBOX");
                assertThat(Mailboxes.subjects(inbox)).containsExactlyInAnyOrder("by SMTP", "by LMTP");
                assertThat(Mailboxes.withSubject(inbox, "by SMTP").getContent().toString()).contains("sent over SMTP");
                assertThat(Mailboxes.withSubject(inbox, "by LMTP").getContent().toString()).contains("delivered over LMTP");
            }
            try (Store pop3 = client.pop3(ALICE, PASSWORD)) {
                Folder inbox = pop3.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(Mailboxes.subjects(inbox)).containsExactlyInAnyOrder("by SMTP", "by LMTP");
                inbox.close(false);
            }

            try (Store imap = client.imap(ALICE, PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) open(imap, "INBOX");
                Message bySmtp = Mailboxes.withSubject(inbox, "by SMTP");
                bySmtp.setFlags(new Flags(Flags.Flag.FLAGGED), true);
                bySmtp.setFlags(new Flags("$Important"), true);
                bySmtp.setFlag(Flags.Flag.SEEN, true);
                Folder archive = imap.getFolder("Archive");
                assertThat(archive.create(Folder.HOLDS_MESSAGES)).isTrue();
                inbox.moveMessages(new Message[] {Mailboxes.withSubject(inbox, "by LMTP")}, archive);
                inbox.appendMessages(new Message[] {client.message(ALICE, ALICE, "draft", "to be expunged")});
                Mailboxes.withSubject(inbox, "draft").setFlag(Flags.Flag.DELETED, true);
                inbox.expunge();
                assertThat(Mailboxes.subjects(inbox)).containsExactly("by SMTP");
                inbox.close(false);

                beforeRestart = Mailboxes.describe(imap, "INBOX", "Archive");
            }
        }
        assertThat(beforeRestart).hasSize(4);
        assertThat(beforeRestart.get(1)).endsWith(" by SMTP [$Important, \\Flagged, \\Seen]");
        assertThat(beforeRestart.get(3)).as("read over IMAP, then moved").endsWith(" by LMTP [\\Seen]");

        try (InProcessServer server = InProcessServer.start(home)) {
            assertThat(webAdmin.get("/domains")).contains(DOMAIN);
            assertThat(webAdmin.get("/users")).contains(ALICE);
            try (Store imap = client.imap(ALICE, PASSWORD)) {
                assertThat(Mailboxes.describe(imap, "INBOX", "Archive")).isEqualTo(beforeRestart);

                LmtpClient.deliver(home.lmtpPort, "carol@remote.example", ALICE,
                    "From: carol@remote.example\nTo: " + ALICE + "\nSubject: after the restart\n\nnew mail\n");
                IMAPFolder inbox = (IMAPFolder) open(imap, "INBOX");
                long uidOfBySmtp = inbox.getUID(Mailboxes.withSubject(inbox, "by SMTP"));
                long uidOfNewMail = inbox.getUID(Mailboxes.withSubject(inbox, "after the restart"));
                assertThat(uidOfNewMail).as("UIDs are not reused after a restart, the expunged draft's included")
                    .isGreaterThan(uidOfBySmtp + 1);
            }
        }
    }
}
