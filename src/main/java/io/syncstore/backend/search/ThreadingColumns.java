package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static final String LINE = "CAST(e.uid AS TEXT) || ' ' || CAST(COALESCE(m.sort_sent, m.internal_date) AS TEXT) "
        + "|| ' ' || CAST(m.sort_reply AS TEXT) || ' ' || COALESCE(m.sort_message_id, '') || ' ' "
        + "|| CAST(octet_length(m.sort_subject) AS TEXT) || ' ' || m.sort_subject || ' ' || COALESCE(m.sort_references, '')";
    private static final String[] NONE = new String[0];

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
     * rows in; the UIDs asked that no line names (expunged meanwhile) are left out.
     */
    private static ThreadingFields parsed(String lines, long[] asked) {
        Lines in = new Lines(lines);
        int capacity = asked.length;
        boolean[] held = new boolean[capacity];
        long[] sent = new long[capacity];
        String[] subjects = new String[capacity];
        boolean[] replies = new boolean[capacity];
        String[] messageIds = new String[capacity];
        String[][] references = new String[capacity][];
        while (in.more()) {
            int at = Arrays.binarySearch(asked, in.number());
            long sentAt = in.number();
            boolean reply = in.number() == 1;
            String messageId = in.word();
            String subject = in.octets(in.number());
            String[] referenced = in.wordsToLineEnd();
            if (at >= 0) {
                held[at] = true;
                sent[at] = sentAt;
                replies[at] = reply;
                messageIds[at] = messageId.isEmpty() ? null : messageId;
                subjects[at] = subject;
                references[at] = referenced;
            }
        }
        long[] uids = new long[capacity];
        int count = 0;
        for (int i = 0; i < capacity; i++) {
            if (held[i]) {
                uids[count] = asked[i];
                sent[count] = sent[i];
                replies[count] = replies[i];
                messageIds[count] = messageIds[i];
                subjects[count] = subjects[i];
                references[count++] = references[i];
            }
        }
        return new ThreadingFields(Arrays.copyOf(uids, count), Arrays.copyOf(sent, count),
            Arrays.copyOf(subjects, count), Arrays.copyOf(replies, count), Arrays.copyOf(messageIds, count),
            Arrays.copyOf(references, count));
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

        /** Up to the next space, which is passed. */
        String word() {
            int end = text.indexOf(' ', at);
            String word = text.substring(at, end);
            at = end + 1;
            return word;
        }

        /** The characters that take {@code count} octets in UTF-8, and the space after them. */
        String octets(long count) {
            int end = at;
            for (long octets = 0; octets < count; end++) {
                char c = text.charAt(end);
                octets += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
            String characters = text.substring(at, end);
            at = end + 1;
            return characters;
        }

        /** The space-separated words up to the end of the line or text, which is passed. */
        String[] wordsToLineEnd() {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            List<String> words = new ArrayList<>(1);
            while (at < end) {
                int space = text.indexOf(' ', at);
                int wordEnd = space < 0 || space > end ? end : space;
                words.add(text.substring(at, wordEnd));
                at = wordEnd + 1;
            }
            at = end + 1;
            return words.isEmpty() ? NONE : words.toArray(NONE);
        }
    }
}
