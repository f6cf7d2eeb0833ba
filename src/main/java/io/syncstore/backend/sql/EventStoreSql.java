package io.syncstore.backend.sql;

/** Statements of the event store of event-sourced aggregates (table {@code event_store}). */
public final class EventStoreSql {
    /** Inserts nothing when the event id is taken: the caller detects the concurrent append by the count. */
    public static final String APPEND =
        "INSERT INTO event_store (aggregate_id, event_id, snapshot, event) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (aggregate_id, event_id) DO NOTHING";
    /** The events from the latest snapshot on, or all of them when there is none. */
    public static final String HISTORY =
        "SELECT event FROM event_store WHERE aggregate_id = ? AND event_id >= "
            + "COALESCE((SELECT MAX(event_id) FROM event_store WHERE aggregate_id = ? AND snapshot), 0) "
            + "ORDER BY event_id";
    public static final String REMOVE =
        "DELETE FROM event_store WHERE aggregate_id = ?";

    private EventStoreSql() {
    }
}
