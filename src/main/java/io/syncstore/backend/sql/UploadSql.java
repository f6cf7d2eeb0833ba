package io.syncstore.backend.sql;

/** Statements of the JMAP uploads (table {@code jmap_upload}). */
public final class UploadSql {
    public static final String INSERT =
        "INSERT INTO jmap_upload (id, owner, content_type, size, content_hash, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)";
    public static final String ONE_OF =
        "SELECT content_type, size, content_hash FROM jmap_upload WHERE id = ? AND owner = ?";
    public static final String UPLOADED_BEFORE =
        "SELECT id, content_hash FROM jmap_upload WHERE uploaded_at < ? ORDER BY uploaded_at LIMIT ?";
    public static final String DELETE =
        "DELETE FROM jmap_upload WHERE id = ?";

    private UploadSql() {
    }
}
