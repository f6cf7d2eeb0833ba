package io.syncstore.it.server;

import static io.syncstore.it.server.ServerHome.ALICE;
import static io.syncstore.it.server.ServerHome.DOMAIN;
import static io.syncstore.it.server.ServerHome.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.config.SyncStoreConfiguration;

/**
 * An online backup taken by {@code bin/syncstore-backup create} while clients append (and expunge) mail over IMAP,
 * restored by {@code bin/syncstore-backup restore} into a new server: every message whose APPEND was acknowledged
 * before the backup began is there with its body, and the restored database passes SQLite's integrity check.
 */
class BackupRestoreTest {
    private static final int WRITERS = 4;
    private static final int LARGE_BODY = 150_000;

    @TempDir
    Path folder;

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @Test
    void aBackupTakenUnderWriteLoadRestoresEveryMessageAcknowledgedBeforeIt() throws Exception {
        ServerHome live = ServerHome.unpack(Files.createDirectories(folder.resolve("live")));
        Path backup = folder.resolve("backup");
        long backupStarted;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        try (InProcessServer server = InProcessServer.start(live)) {
            WebAdmin webAdmin = new WebAdmin(live.webAdminPort);
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(ALICE, PASSWORD);
            MailClient client = new MailClient(live);
            List<Future<?>> load = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int id = writer;
                load.add(writers.submit(() -> append(client, id)));
            }
            load.add(writers.submit(() -> appendAndExpunge(client)));
            while (acknowledged.size() < 40) {
                Thread.sleep(50);
            }
            backupStarted = System.nanoTime();
            String output = AdminScript.run(live, "syncstore-backup", "create", backup.toString());
            assertThat(output).contains("Backup done");
            Thread.sleep(500);
            writing.set(false);
            for (Future<?> writer : load) {
                writer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            writers.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        acknowledged.forEach((subject, at) -> {
            if (at < backupStarted) {
                expected.add(subject);
            }
        });
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);

        ServerHome fresh = ServerHome.unpack(Files.createDirectories(folder.resolve("fresh")));
        AdminScript.run(fresh, "syncstore-backup", "restore", backup.toString());
        assertThat(integrityCheck(fresh)).isEqualTo("ok");

        try (InProcessServer server = InProcessServer.start(fresh);
             Store imap = new MailClient(fresh).imap(ALICE, PASSWORD)) {
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            FetchProfile envelope = new FetchProfile();
            envelope.add(FetchProfile.Item.ENVELOPE);
            inbox.fetch(messages, envelope);
            Map<String, Message> bySubject = new HashMap<>();
            for (Message message : messages) {
                bySubject.put(message.getSubject(), message);
            }
            assertThat(bySubject.keySet()).containsAll(expected);
            for (String subject : expected) {
                assertThat(bodyOf(bySubject.get(subject))).as(subject).isEqualTo(body(subject));
            }
        }
    }

    private void append(MailClient client, int writer) {
        try (Store imap = client.imap(ALICE, PASSWORD)) {
            Folder inbox = imap.getFolder("INBOX");
            for (int n = 0; writing.get(); n++) {
                String subject = "w" + writer + "-" + n;
                inbox.appendMessages(new Message[] {message(client, subject)});
                acknowledged.put(subject, System.nanoTime());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Large messages that come and go: their content files are deleted while the backup runs. */
    private void appendAndExpunge(MailClient client) {
        try (Store imap = client.imap(ALICE, PASSWORD)) {
            Folder trash = imap.getFolder("Trash");
            trash.create(Folder.HOLDS_MESSAGES);
            trash.open(Folder.READ_WRITE);
            for (int n = 0; writing.get(); n++) {
                trash.appendMessages(new Message[] {message(client, "gone-" + n)});
                for (Message message : trash.getMessages()) {
                    message.setFlag(Flags.Flag.DELETED, true);
                }
                trash.expunge();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MimeMessage message(MailClient client, String subject) throws Exception {
        return client.message("bob@remote.example", ALICE, subject, body(subject));
    }

    /** Every third message is large enough to live in a content file of its own. */
    private static String body(String subject) {
        Random random = new Random(subject.hashCode());
        int size = Math.abs(subject.hashCode()) % 3 == 0 ? LARGE_BODY : 200;
        StringBuilder body = new StringBuilder(subject).append('\n');
        while (body.length() < size) {
            body.append(Long.toString(random.nextLong(), 36)).append(body.length() % 70 < 12 ? "\n" : " ");
        }
        return body.toString();
    }

    private static String bodyOf(Message message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.getDataHandler().writeTo(out);
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static String integrityCheck(ServerHome home) throws Exception {
        SyncStoreConfiguration configuration = SyncStoreConfiguration.from(
            new Configurations().xml(home.conf(SyncStoreConfiguration.FILE_NAME).toFile()), home.root.resolve("var"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + configuration.databaseFile());
             ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
        }
    }
}
