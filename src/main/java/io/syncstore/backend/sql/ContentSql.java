package io.syncstore.backend.sql;

/** Statements of the content-addressed store (table {@code content}). */
public final class ContentSql {
    /** Returns the reference count after the insertion; 1 means the content is new. */
    public static final String ADD_REFERENCE =
        "INSERT INTO content (hash, size, refcount, data) VALUES (?, ?, 1, ?) "
            + "ON CONFLICT (hash) DO UPDATE SET refcount = content.refcount + 1 "
            + "RETURNING refcount";
    public static final String DROP_REFERENCE =
        "UPDATE content SET refcount = refcount - 1 WHERE hash = ?";
    /** Deletes the content if unreferenced; returns whether it was large (in a file or in chunks). */
    public static final String DELETE_UNREFERENCED =
        "DELETE FROM content WHERE hash = ? AND refcount <= 0 RETURNING data IS NULL";
    public static final String READ =
        "SELECT data, data IS NULL AS in_file FROM content WHERE hash = ?";
    /** PostgreSQL only: the chunks of large content (table {@code content_chunk}). */
    public static final String INSERT_CHUNK =
        "INSERT INTO content_chunk (hash, position, data) VALUES (?, ?, ?)";
    public static final String READ_CHUNK =
        "SELECT data FROM content_chunk WHERE hash = ? AND position = ?";
    public static final String SIZE =
        "SELECT size FROM content WHERE hash = ?";
    public static final String STORED_CONTENT_COUNT =
        "SELECT count(*) FROM content";
    public static final String TOTAL_STORED_BYTES =
        "SELECT COALESCE(SUM(size), 0) FROM content";

    private ContentSql() {
    }
}
