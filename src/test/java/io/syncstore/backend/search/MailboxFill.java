package io.syncstore.backend.search;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Date;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.db.Database;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

import reactor.core.publisher.Mono;

/**
 * Fills one user's INBOX in an SQLite database through the store's own APPEND path, in this process: a mailbox of
 * 100,000 messages in minutes instead of the IMAP fill's 18 (docs/benchmarks.md §8, tenth session). The messages come
 * on standard input, each as a 4-byte big-endian length and its bytes (the load driver's {@code ThreadCorpus} writes
 * them); the database is then opened by the packaged server as its own.
 *
 * <p>Arguments: the database file (e.g. {@code var/syncstore/mail.db} of an unpacked distribution), the user.</p>
 */
public final class MailboxFill {
    private MailboxFill() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        SyncStoreConfiguration configuration = SyncStoreConfiguration.builder()
            .databaseFile(file)
            .contentDirectory(file.resolveSibling("content"))
            .syncPolicy(SyncPolicy.OFF)
            .build();
        Database database = Database.open(configuration);
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        MailboxSession session = resources.getMailboxManager().createSystemSession(Username.of(args[1]));
        MailboxPath inbox = MailboxPath.inbox(session);
        if (!Mono.from(resources.getMailboxManager().mailboxExists(inbox, session)).block()) {
            resources.getMailboxManager().createMailbox(inbox, session);
        }
        MessageManager mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        long appended = 0;
        long started = System.nanoTime();
        try (DataInputStream in = new DataInputStream(System.in)) {
            byte[] message;
            while ((message = next(in)) != null) {
                MessageManager.AppendCommand append = MessageManager.AppendCommand.builder()
                    .withInternalDate(new Date()).build(message);
                mailbox.appendMessage(append, session);
                if (++appended % 10_000 == 0) {
                    System.err.printf("%d messages, %d s%n", appended, (System.nanoTime() - started) / 1_000_000_000);
                }
            }
        }
        database.close();
        System.err.printf("appended %d messages in %d s%n", appended, (System.nanoTime() - started) / 1_000_000_000);
        System.exit(0);
    }

    private static byte[] next(DataInputStream in) throws Exception {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }
}
