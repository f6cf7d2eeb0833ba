package io.syncstore.backend.sql;

/** Statements that give an imported mailbox the UIDVALIDITY and UIDs it had on the server it comes from. */
public final class ImportSql {
    /** Only a mailbox that never held a message may change its UIDVALIDITY: no client knows a UID of it yet. */
    public static final String ADOPT_UID_VALIDITY =
        "UPDATE mailbox SET uid_validity = ? WHERE id = ? AND last_uid = 0";
    /** Makes {@code ?} the last UID given, if no higher one was: the next message gets the one after it. */
    public static final String RAISE_LAST_UID =
        "UPDATE mailbox SET last_uid = ? WHERE id = ? AND last_uid < ?";

    private ImportSql() {
    }
}
