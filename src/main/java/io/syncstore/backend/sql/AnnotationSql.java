package io.syncstore.backend.sql;

/** Statements of mailbox annotations (table {@code mailbox_annotation}). */
public final class AnnotationSql {
    public static final String UPSERT =
        "INSERT INTO mailbox_annotation (mailbox_id, annotation_key, annotation_value) VALUES (?, ?, ?) "
            + "ON CONFLICT (mailbox_id, annotation_key) DO UPDATE SET annotation_value = excluded.annotation_value";
    public static final String DELETE =
        "DELETE FROM mailbox_annotation WHERE mailbox_id = ? AND annotation_key = ?";
    public static final String DELETE_ALL_OF_MAILBOX =
        "DELETE FROM mailbox_annotation WHERE mailbox_id = ?";
    public static final String ALL_OF_MAILBOX =
        "SELECT annotation_key, annotation_value FROM mailbox_annotation WHERE mailbox_id = ?";
    public static final String EXISTS =
        "SELECT count(*) FROM mailbox_annotation WHERE mailbox_id = ? AND annotation_key = ?";
    public static final String COUNT_OF_MAILBOX =
        "SELECT count(*) FROM mailbox_annotation WHERE mailbox_id = ?";

    private AnnotationSql() {
    }
}
