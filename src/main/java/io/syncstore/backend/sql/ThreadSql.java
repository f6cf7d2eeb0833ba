package io.syncstore.backend.sql;

/** Statements of the thread index (table {@code thread_key}). */
public final class ThreadSql {
    public static final String INSERT_KEY =
        "INSERT INTO thread_key (owner, mime_message_id, base_subject, message_id, thread_id) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (owner, mime_message_id, message_id) DO NOTHING";
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
