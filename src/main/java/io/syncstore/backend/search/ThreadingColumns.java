package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

import io.syncstore.api.ThreadingFields;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlDialect;

/**
 * THREAD's fields of a mailbox's UID span from {@code message_sorting} (schema V25), read as one text that the
 * database joins from every row, one line a message: {@code uid sent reply message-id subject-octets subject
 * references}. Read column by column, 100,000 rows cost about 220 ms in the driver's per-column calls; joined, 100
 * (docs/benchmarks.md section 8, eleventh session). IDs hold no spaces ({@code io.syncstore.mime.MessageIds});
 * the subject, which may hold anything (a NUL too, where SQLite's {@code length} stops counting), is read by its
 * length in UTF-8 octets.
 */
public final class ThreadingColumns {
    /**
     * One call building the line: {@code ||} made SQLite a string per operand, a third more CPU for 100,000 rows. An
     * empty ID keeps its place between two spaces because {@code concat_ws} skips only NULLs, on PostgreSQL and on the
     * SQLite that sqlite-jdbc bundles; a SQLite whose {@code concat_ws} dropped empty strings would shift the fields.
     */
    private static final String LINE = "concat_ws(' ', e.uid, COALESCE(m.sort_sent, m.internal_date), m.sort_reply, "
        + "COALESCE(m.sort_message_id, ''), octet_length(m.sort_subject), m.sort_subject, COALESCE(m.sort_references, ''))";

    private ThreadingColumns() {
    }

    /** Those of {@code uids} (ascending) that the mailbox holds; empty when one of their span has no row. */
    public static Optional<ThreadingFields> read(Connection connection, SqlDialect dialect, long mailboxId, long[] uids)
            throws SQLException {
        if (uids.length == 0) {
            return Optional.of(parsed("", uids));
        }
        String sql = "SELECT " + dialect.joinedLines(LINE) + ", count(*) - count(m.message_id) FROM mailbox_message e "
            + "LEFT JOIN message_sorting m ON m.message_id = e.message_id WHERE e.mailbox_id = ? AND e.uid BETWEEN ? AND ?";
        try (PreparedStatement statement = Sql.prepare(connection, sql, mailboxId, uids[0], uids[uids.length - 1]);
             ResultSet row = statement.executeQuery()) {
            row.next();
            if (row.getLong(2) > 0) {
                // not filled yet (the start-up fill)
                return Optional.empty();
            }
            String lines = row.getString(1);
            return Optional.of(parsed(lines == null ? "" : lines, uids));
        }
    }

    /**
     * Each line at the position of its UID among those asked, so in UID order whatever order the database joined the
     * rows in; the UIDs asked that no line names (expunged meanwhile) are left out. IDs and subjects are numbered as
     * spans of the text, not cut out of it.
     */
    private static ThreadingFields parsed(String lines, long[] asked) {
        ThreadingFields.Builder fields = ThreadingFields.builder(asked.length);
        Lines in = new Lines(lines);
        int next = 0;
        while (in.more()) {
            long uid = in.number();
            // the database joins the rows in UID order as a rule, not by contract
            int at = next < asked.length && asked[next] == uid ? next : Arrays.binarySearch(asked, uid);
            boolean wanted = at >= 0;
            next = wanted ? at + 1 : next;
            long sent = in.number();
            boolean reply = in.number() == 1;
            if (wanted) {
                fields.message(at, asked[at], sent, reply);
            }
            int idEnd = in.wordEnd();
            if (wanted && idEnd > in.at) {
                fields.messageId(lines, in.at, idEnd);
            }
            in.at = idEnd + 1;
            int subjectEnd = in.octetsEnd(in.number());
            if (wanted) {
                fields.subject(lines, in.at, subjectEnd);
            }
            in.at = subjectEnd + 1;
            int lineEnd = in.lineEnd();
            while (in.at < lineEnd) {
                int referenceEnd = Math.min(in.wordEnd(), lineEnd);
                if (wanted) {
                    fields.reference(lines, in.at, referenceEnd);
                }
                in.at = referenceEnd + 1;
            }
            in.at = lineEnd + 1;
        }
        return fields.build();
    }

    /** A cursor over the joined lines. */
    private static final class Lines {
        private final String text;
        private int at;

        Lines(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        /** A decimal number (maybe negative: a Date: before 1970) and the space after it. */
        long number() {
            boolean negative = text.charAt(at) == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            for (char c = text.charAt(at); c != ' '; c = text.charAt(++at)) {
                value = value * 10 + (c - '0');
            }
            at++;
            return negative ? -value : value;
        }

        /** Where the word at the cursor ends: the next space, or the text's end. */
        int wordEnd() {
            int space = text.indexOf(' ', at);
            return space < 0 ? text.length() : space;
        }

        /** Where the characters that take {@code count} octets in UTF-8 from the cursor end. */
        int octetsEnd(long count) {
            int end = at;
            for (long octets = 0; octets < count; end++) {
                char c = text.charAt(end);
                octets += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
            return end;
        }

        /** Where the line at the cursor ends: the next line feed, or the text's end. */
        int lineEnd() {
            int end = text.indexOf('\n', at);
            return end < 0 ? text.length() : end;
        }
    }
}
