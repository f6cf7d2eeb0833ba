package io.syncstore.backend.sql;

/** Statements of the thread index (table {@code thread_key}). */
public final class ThreadSql {
    public static final String INSERT_KEY =
        "INSERT INTO thread_key (owner, mime_message_id, base_subject, message_id, thread_id) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (owner, mime_message_id, message_id) DO NOTHING";
    /** The messages of a thread that lie in mailboxes of the given owner, oldest first. */
    public static final String MESSAGES_OF_THREAD =
        "SELECT m.message_id FROM message m "
            + "WHERE m.thread_id = ? AND EXISTS (SELECT 1 FROM mailbox_message mm JOIN mailbox b ON b.id = mm.mailbox_id "
            + "WHERE mm.message_id = m.id AND b.owner = ?) "
            + "ORDER BY m.internal_date, m.id";
    public static final String DELETE_KEYS_OF_MESSAGE =
        "DELETE FROM thread_key WHERE message_id = ?";

    /** The candidate threads of a message: {@code ?} stands for a list of mime message ids. */
    public static String findCandidates(int mimeMessageIdCount) {
        return "SELECT thread_id, base_subject FROM thread_key WHERE owner = ? AND mime_message_id IN ("
            + String.join(", ", java.util.Collections.nCopies(mimeMessageIdCount, "?")) + ")";
    }

    private ThreadSql() {
    }
}
