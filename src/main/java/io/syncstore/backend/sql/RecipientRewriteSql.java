package io.syncstore.backend.sql;

/** Statements of the recipient rewrite table (table {@code rrt_mapping}). */
public final class RecipientRewriteSql {
    public static final String INSERT =
        "INSERT INTO rrt_mapping (source, mapping) VALUES (?, ?) ON CONFLICT (source, mapping) DO NOTHING";
    public static final String DELETE =
        "DELETE FROM rrt_mapping WHERE source = ? AND mapping = ?";
    public static final String MAPPINGS_OF =
        "SELECT mapping FROM rrt_mapping WHERE source = ? ORDER BY id";
    public static final String SOURCES_OF =
        "SELECT source FROM rrt_mapping WHERE mapping = ? ORDER BY id";
    public static final String ALL =
        "SELECT source, mapping FROM rrt_mapping ORDER BY id";

    private RecipientRewriteSql() {
    }
}
