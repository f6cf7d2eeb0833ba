package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.hash.Hashing;

/**
 * A user's mail written by Dovecot (APPENDs over IMAP with flags, keywords and dates into several folders, one of
 * them nested and one with a non-ASCII name, and expunges that leave UID gaps), imported from Dovecot's Maildir by
 * {@code bin/syncstore-import}: over IMAP, SyncStore shows the same folders, UIDVALIDITY and UIDNEXT, and each message
 * with the same UID, flags, keywords, INTERNALDATE, size and bytes as Dovecot does. Then an mbox file is imported
 * into a folder of its own, with its flags, keywords and escaped {@code From } lines restored.
 */
class MailImportTest {
    static {
        try {
            // MailClient's initialisation declares Angus's content handlers, which writing a text message here needs
            Class.forName(MailClient.class.getName());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final List<String> FOLDERS = List.of("INBOX", "Archive", "Archive.2024", "Entwürfe");

    @TempDir
    Path folder;

    @Test
    void aDovecotMaildirImportedLooksTheSameOverImap() throws Exception {
        DovecotServer.binary();
        try (DovecotServer dovecot = DovecotServer.start(folder.resolve("dovecot"), ALICE, PASSWORD)) {
            Session dovecotSession = plainImap(dovecot.port);
            try (Store store = dovecotSession.getStore("imap")) {
                store.connect(ALICE, PASSWORD);
                fill(store, dovecotSession);
            }
            List<String> theirs;
            try (Store store = dovecotSession.getStore("imap")) {
                store.connect(ALICE, PASSWORD);
                theirs = describe(store);
            }

            ServerHome home = ServerHome.unpack(Files.createDirectories(folder.resolve("syncstore")));
            try (InProcessServer server = InProcessServer.start(home)) {
                WebAdmin webAdmin = new WebAdmin(home.webAdminPort);
                webAdmin.createDomain(DOMAIN);
                webAdmin.createUser(ALICE, PASSWORD);
                Path maildir = folder.resolve("dovecot").resolve("mail").resolve("user").resolve("Maildir");
                String output = AdminScript.run(home, "syncstore-import", "maildir", ALICE, maildir.toString());
                assertThat(output).contains("Import done");

                try (Store ours = new MailClient(home).imap(ALICE, PASSWORD)) {
                    assertThat(describe(ours)).containsExactlyElementsOf(theirs);
                }

                Path mbox = Files.writeString(folder.resolve("old-mail"), "From bob@remote.example Tue Jan  2 03:04:05 2024\n"
                    + "Status: RO\nX-Status: F\nX-Keywords: Old\nSubject: kept from mbox\n\n>From the old days\n\n"
                    + "From carol@remote.example Wed Jan  3 04:05:06 2024\nSubject: unread\n\nsecond\n");
                AdminScript.run(home, "syncstore-import", "mbox", ALICE, mbox.toString(), "Old mail");
                try (Store ours = new MailClient(home).imap(ALICE, PASSWORD)) {
                    Folder old = ours.getFolder("Old mail");
                    old.open(Folder.READ_ONLY);
                    Message[] messages = old.getMessages();
                    assertThat(messages).hasSize(2);
                    assertThat(flagsOf(messages[0].getFlags())).isEqualTo("[Old, \\Flagged, \\Seen]");
                    assertThat(messages[0].getReceivedDate().toInstant()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
                    ((IMAPMessage) messages[0]).setPeek(true);
                    ByteArrayOutputStream first = new ByteArrayOutputStream();
                    messages[0].writeTo(first);
                    assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("Subject: kept from mbox\r\n\r\nFrom the old days\r\n");
                    assertThat(flagsOf(messages[1].getFlags())).isEqualTo("[]");
                }

                assertThat(AdminScript.run(home, "syncstore-import", 1, "maildir", ALICE, folder.resolve("none").toString()))
                    .contains("does not exist");
                assertThat(AdminScript.run(home, "syncstore-import", 1, "maildir", "nobody@" + DOMAIN, maildir.toString()))
                    .contains("does not exist");
            }
        }
    }

    private static void fill(Store store, Session session) throws Exception {
        for (String name : FOLDERS.subList(1, FOLDERS.size())) {
            assertThat(store.getFolder(name).create(Folder.HOLDS_MESSAGES)).as(name).isTrue();
        }
        int n = 0;
        for (String name : FOLDERS) {
            Folder target = store.getFolder(name);
            target.open(Folder.READ_WRITE);
            List<Message> messages = new ArrayList<>();
            messages.add(message(session, name + " plain " + n++, 300, new Flags()));
            messages.add(message(session, name + " seen and answered " + n++, 500, flags(Flags.Flag.SEEN, Flags.Flag.ANSWERED)));
            messages.add(message(session, name + " to be expunged " + n++, 100, flags(Flags.Flag.DELETED)));
            messages.add(message(session, name + " flagged with keywords " + n++, 120_000,
                flags(new String[] {"$Forwarded", "Work"}, Flags.Flag.FLAGGED)));
            messages.add(message(session, name + " draft " + n++, 2_000, flags(new String[] {"Project-X"}, Flags.Flag.DRAFT)));
            messages.add(message(session, name + " deleted, kept " + n++, 100, flags(Flags.Flag.DELETED, Flags.Flag.SEEN)));
            messages.add(message(session, name + " last " + n++, 70_000, flags(new String[] {"Work"}, Flags.Flag.SEEN)));
            target.appendMessages(messages.toArray(new Message[0]));
            for (Message message : target.getMessages()) {
                if (message.getSubject().contains("to be expunged")) {
                    ((IMAPFolder) target).expunge(new Message[] {message});
                }
            }
            target.appendMessages(new Message[] {message(session, name + " expunged last " + n++, 100, new Flags())});
            Message last = target.getMessage(target.getMessageCount());
            ((IMAPFolder) target).expunge(new Message[] {flagged(last)});
            target.close(false);
        }
    }

    private static Message flagged(Message message) throws Exception {
        message.setFlag(Flags.Flag.DELETED, true);
        return message;
    }

    /** Folders, then per folder its UIDVALIDITY and UIDNEXT and per message what a client keeps of it. */
    private static List<String> describe(Store store) throws Exception {
        List<String> description = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (Folder listed : store.getDefaultFolder().list("*")) {
            names.add(listed.getFullName());
        }
        description.add("folders " + names);
        for (String name : names) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            description.add(name + " UIDVALIDITY " + folder.getUIDValidity() + " UIDNEXT " + folder.getUIDNext());
            for (Message message : folder.getMessages()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                // BODY.PEEK: SyncStore sets \Seen on a FETCH of BODY[] even in a mailbox opened by EXAMINE
                ((IMAPMessage) message).setPeek(true);
                message.writeTo(bytes);
                description.add(name + " " + folder.getUID(message) + " " + flagsOf(message.getFlags())
                    + " " + message.getReceivedDate().toInstant() + " " + message.getSize()
                    + " " + Hashing.sha256().hashBytes(bytes.toByteArray()));
            }
            folder.close(false);
        }
        return description;
    }

    private static String flagsOf(Flags flags) {
        TreeSet<String> names = new TreeSet<>(Arrays.asList(flags.getUserFlags()));
        for (Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == Flags.Flag.ANSWERED) {
                names.add("\\Answered");
            } else if (flag == Flags.Flag.DELETED) {
                names.add("\\Deleted");
            } else if (flag == Flags.Flag.DRAFT) {
                names.add("\\Draft");
            } else if (flag == Flags.Flag.FLAGGED) {
                names.add("\\Flagged");
            } else if (flag == Flags.Flag.SEEN) {
                names.add("\\Seen");
            }
        }
        return names.toString();
    }

    private static Flags flags(Flags.Flag... system) {
        return flags(new String[0], system);
    }

    private static Flags flags(String[] keywords, Flags.Flag... system) {
        Flags flags = new Flags();
        Arrays.stream(system).forEach(flags::add);
        Arrays.stream(keywords).forEach(flags::add);
        return flags;
    }

    private static Message message(Session session, String subject, int size, Flags flags) throws Exception {
        Date received = Date.from(Instant.parse("2024-03-01T10:00:00Z").plusSeconds(subject.hashCode() & 0xffff));
        MimeMessage message = new MimeMessage(session) {
            @Override
            public Date getReceivedDate() {
                return received;
            }
        };
        message.setFrom(new InternetAddress("bob@remote.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(ALICE));
        message.setSubject(subject, "UTF-8");
        StringBuilder body = new StringBuilder();
        while (body.length() < size) {
            body.append(subject).append(' ').append(body.length()).append('\n');
        }
        message.setText(body.toString(), "UTF-8");
        message.setFlags(flags, true);
        message.saveChanges();
        return message;
    }

    private static Session plainImap(int port) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", String.valueOf(port));
        return Session.getInstance(properties);
    }
}
