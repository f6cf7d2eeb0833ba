package io.syncstore.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.james.jmap.api.change.State;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.JmapChangeStates;

/**
 * Kills a writer process with SIGKILL at random moments while it appends from several threads, many times over the
 * same store, while another thread expunges some of them. After each kill the store is reopened: every append the
 * writer saw return is there with its exact content unless it was being expunged, with its JMAP email and mailbox
 * changes (written in the append's commit), nothing is half-present, the quota usage is exactly the messages stored,
 * and SQLite's integrity check passes.
 */
class CrashDurabilityTest {
    private static final int ROUNDS = 12;
    private static final int WRITER_THREADS = 6;
    /** Acknowledged appends before the kill's random delay starts, so that a slow machine still kills a busy writer. */
    private static final int FIRST_ACKS = 10;

    @TempDir
    Path folder;

    /** UIDs the writer started to expunge: gone or not, depending on when it was killed. */
    private final Set<MessageUid> expunging = ConcurrentHashMap.newKeySet();

    @Test
    void noAcknowledgedAppendIsLostAndNothingIsHalfPresentAfterRepeatedKills() throws Exception {
        Random random = new Random(20261127);
        Map<String, Ack> acknowledged = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            acknowledged.putAll(runWriterAndKill("r" + round, random.nextInt(1500)));
            try (CrashTestStore store = new CrashTestStore(folder)) {
                assertStoreHolds(store, acknowledged);
                assertUsageIsWhatIsStored(store);
            }
        }
        assertThat(expunging).as("messages expunged while appending").isNotEmpty();
    }

    private Map<String, Ack> runWriterAndKill(String run, int lifetimeMillis) throws Exception {
        Process writer = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                AppendingWriter.class.getName(), folder.toString(), String.valueOf(WRITER_THREADS), run)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        Map<String, Ack> acks = new HashMap<>();
        CountDownLatch writing = new CountDownLatch(FIRST_ACKS);
        Thread reader = new Thread(() -> readAcks(writer.getInputStream(), acks, writing));
        reader.start();
        assertThat(writing.await(60, TimeUnit.SECONDS)).as("writer acknowledged its first appends").isTrue();
        Thread.sleep(lifetimeMillis);
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        synchronized (acks) {
            return new HashMap<>(acks);
        }
    }

    private void readAcks(InputStream output, Map<String, Ack> acks, CountDownLatch writing) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("ACK") && parts.length == 4) {
                    synchronized (acks) {
                        acks.put(parts[1], new Ack(MessageUid.of(Long.parseLong(parts[2])), parts[3]));
                    }
                    writing.countDown();
                } else if (parts[0].equals("EXPUNGING") && parts.length == 2) {
                    expunging.add(MessageUid.of(Long.parseLong(parts[1])));
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the writer is killed
        }
    }

    private void assertStoreHolds(CrashTestStore store, Map<String, Ack> acknowledged) throws Exception {
        List<String> integrity = store.database().read(connection ->
            Sql.list(connection, "PRAGMA integrity_check", row -> row.getString(1)));
        assertThat(integrity).containsExactly("ok");
        Mailbox inbox = store.inbox();
        Map<MessageUid, String> stored = new HashMap<>();
        Map<MessageUid, String> messageIds = new HashMap<>();
        List<MailboxMessage> messages = new ArrayList<>();
        store.messages.findInMailbox(inbox, MessageRange.all(), FetchType.FULL, -1).forEachRemaining(messages::add);
        for (MailboxMessage message : messages) {
            try (InputStream content = message.getFullContent()) {
                stored.put(message.getUid(), CrashTestStore.sha256(content.readAllBytes()));
            }
            messageIds.put(message.getUid(), message.getMessageId().serialize());
        }
        for (Map.Entry<String, Ack> ack : acknowledged.entrySet()) {
            MessageUid uid = ack.getValue().uid;
            if (expunging.contains(uid)) {
                continue;
            }
            assertThat(stored.get(uid))
                .as("content of acknowledged append %s (uid %s)", ack.getKey(), uid)
                .isEqualTo(ack.getValue().sha256);
            assertThat(jmapChanges(store, inbox, JmapChangeStates.added(inbox.getMailboxId(), uid)))
                .as("JMAP email and mailbox changes of acknowledged append %s (uid %s)", ack.getKey(), uid)
                .containsExactly(messageIds.get(uid), inbox.getMailboxId().serialize());
        }
        assertThat(store.messages.getMailboxCounters(inbox).getCount()).isEqualTo(messages.size());
        assertThat(store.messages.listAllMessageUids(inbox).collectList().block()).hasSize(messages.size());
    }

    /** What the email change and the mailbox change of a state name: created messages, updated mailboxes. */
    private static List<String> jmapChanges(CrashTestStore store, Mailbox mailbox, State state) throws Exception {
        String owner = mailbox.getUser().asString();
        String stateValue = state.getValue().toString();
        return store.database().read(connection -> {
            List<String> changes = new ArrayList<>(Sql.list(connection,
                "SELECT created FROM jmap_email_change WHERE account = ? AND state = ?", row -> row.getString(1), owner, stateValue));
            changes.addAll(Sql.list(connection,
                "SELECT updated FROM jmap_mailbox_change WHERE account = ? AND state = ?", row -> row.getString(1), owner, stateValue));
            return changes;
        });
    }

    /** The usage changes in the commit of the entries it counts, so no kill can set them apart. */
    private static void assertUsageIsWhatIsStored(CrashTestStore store) throws Exception {
        List<Long> stored = store.database().read(connection -> Sql.first(connection,
            "SELECT COUNT(*), COALESCE(SUM(m.size), 0) FROM mailbox_message e JOIN message m ON m.id = e.message_id",
            row -> List.of(row.getLong(1), row.getLong(2)))).orElseThrow();
        List<Long> usage = store.database().read(connection -> Sql.first(connection,
            "SELECT message_count, storage_bytes FROM quota_usage WHERE quota_root = ?",
            row -> List.of(row.getLong(1), row.getLong(2)), CrashTestStore.QUOTA_ROOT)).orElse(List.of(0L, 0L));
        assertThat(usage).as("quota usage (count, bytes) against the messages stored").isEqualTo(stored);
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static final class Ack {
        private final MessageUid uid;
        private final String sha256;

        private Ack(MessageUid uid, String sha256) {
            this.uid = uid;
            this.sha256 = sha256;
        }
    }
}
