package io.syncstore.backend.sql;

/** Statements of the attachment tables ({@code attachment}, {@code message_attachment}). */
public final class AttachmentSql {
    public static final String INSERT =
        "INSERT INTO attachment (id, message_id, content_type, size, content_hash) VALUES (?, ?, ?, ?, ?)";
    public static final String FIND =
        "SELECT id, message_id, content_type, size, content_hash FROM attachment WHERE id = ?";
    public static final String RELATED_MESSAGE_IDS =
        "SELECT message_id FROM attachment WHERE id = ? "
            + "UNION SELECT m.message_id FROM message_attachment ma JOIN message m ON m.id = ma.message_id "
            + "WHERE ma.attachment_id = ?";

    public static final String LINK =
        "INSERT INTO message_attachment (message_id, position, attachment_id, name, cid, is_inline) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    public static final String LINKED =
        "SELECT a.id, a.message_id, a.content_type, a.size, ma.name, ma.cid, ma.is_inline "
            + "FROM message_attachment ma JOIN attachment a ON a.id = ma.attachment_id "
            + "WHERE ma.message_id = ? ORDER BY ma.position";
    public static final String UNLINK =
        "DELETE FROM message_attachment WHERE message_id = ? RETURNING attachment_id";
    public static final String OWNED_BY =
        "SELECT id FROM attachment WHERE message_id = ?";
    /** Deletes the attachment once no message names it and its owner is gone; returns its content hash. */
    public static final String DELETE_IF_UNUSED =
        "DELETE FROM attachment WHERE id = ? "
            + "AND NOT EXISTS (SELECT 1 FROM message_attachment WHERE attachment_id = attachment.id) "
            + "AND NOT EXISTS (SELECT 1 FROM message WHERE message.message_id = attachment.message_id) "
            + "RETURNING content_hash";

    private AttachmentSql() {
    }
}
