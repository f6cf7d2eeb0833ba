package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.api.SortingFields;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.mime.SortingHeaders;

/**
 * What SORT and THREAD read of a message: columns of table {@code message} (schema V20) and their narrow copy in
 * {@code message_sorting} (V25), both written with the message, in its transaction; filled at start-up for the
 * messages stored before V20; read from the copy for all the messages a command orders in one query.
 */
public final class SortingColumns {
    private static final Logger LOGGER = LoggerFactory.getLogger(SortingColumns.class);
    private static final int BACKFILL_BATCH = 500;

    private static final String SET = "UPDATE message SET sort_sent = ?, sort_subject = ?, sort_reply = ?, "
        + "sort_message_id = ?, sort_references = ?, sort_from = ?, sort_to = ?, sort_cc = ?, sort_display_from = ?, "
        + "sort_display_to = ? WHERE id = ?";
    /**
     * The narrow copy SORT and THREAD read (schema V25), made from the columns just filled. A copy already there was made
     * by another node's start-up fill from the same header.
     */
    private static final String COPY = "INSERT INTO message_sorting SELECT id, internal_date, size, sort_sent, "
        + "sort_subject, sort_reply, sort_message_id, sort_references, sort_from, sort_to, sort_cc, sort_display_from, "
        + "sort_display_to FROM message WHERE id = ? ON CONFLICT (message_id) DO NOTHING";
    /**
     * The keys of the entries left without their row of {@code mailbox_message_sorting} (V26). On PostgreSQL an entry
     * written while the fill made its message's copy saw no copy, and the fill's trigger did not see the entry.
     */
    private static final String UNCOPIED_ENTRIES = "INSERT INTO mailbox_message_sorting "
        + "(mailbox_id, uid, sort_subject, sort_from, arrival, sent) SELECT e.mailbox_id, e.uid, m.sort_subject, "
        + "m.sort_from, m.internal_date, COALESCE(m.sort_sent, m.internal_date) FROM mailbox_message e "
        + "JOIN message_sorting m ON m.message_id = e.message_id WHERE NOT EXISTS (SELECT 1 FROM mailbox_message_sorting k "
        + "WHERE k.mailbox_id = e.mailbox_id AND k.uid = e.uid) ON CONFLICT (mailbox_id, uid) DO NOTHING";
    private static final String UNFILLED = "SELECT id, header FROM message WHERE sort_subject IS NULL AND id > ? "
        + "ORDER BY id LIMIT " + BACKFILL_BATCH;
    /** The entries of a UID span with their fields; parameters: mailbox, lowest UID, highest UID. */
    private static final String IN_SPAN = "SELECT e.uid, e.modseq, m.internal_date, m.size, m.sort_sent, m.sort_subject, "
        + "m.sort_reply, m.sort_message_id, m.sort_references, m.sort_from, m.sort_to, m.sort_cc, m.sort_display_from, "
        + "m.sort_display_to FROM mailbox_message e JOIN message_sorting m ON m.message_id = e.message_id "
        + "WHERE e.mailbox_id = ? AND e.uid BETWEEN ? AND ?";

    private SortingColumns() {
    }

    /** A new message's narrow copy, from the values its row was inserted with; parameters: id, date, size, values. */
    private static final String INSERT_COPY = "INSERT INTO message_sorting (message_id, internal_date, size, " + MessageSql.SORTING_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The values of {@link MessageSql#SORTING_COLUMNS} for a message with these headers, in their order. */
    public static List<Object> values(SortingHeaders headers) {
        return Arrays.asList(headers.sentDate().map(Instant::toEpochMilli).orElse(null), headers.baseSubject(),
            headers.replyOrForward() ? 1 : 0, headers.messageId().orElse(null), String.join(" ", headers.references()),
            headers.fromMailbox(), headers.toMailbox(), headers.ccMailbox(), headers.fromDisplay(), headers.toDisplay());
    }

    /**
     * The narrow copy of a message just inserted with its {@link #values} in its row, in the transaction that stores
     * it: one insert, where filling the row's columns afterwards and copying them cost an update, a copy and a page of
     * the index of unfilled rows per message.
     */
    public static void writeCopy(Connection connection, long messagePk, long internalDate, long size,
                                 List<Object> values) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(messagePk, internalDate, size));
        parameters.addAll(values);
        Sql.update(connection, INSERT_COPY, parameters.toArray());
    }

    /** Fills the columns of a message stored without them, and its copy. */
    private static void fill(Connection connection, long messagePk, SortingHeaders headers) throws SQLException {
        List<Object> parameters = new ArrayList<>(values(headers));
        parameters.add(messagePk);
        Sql.update(connection, SET, parameters.toArray());
        Sql.update(connection, COPY, messagePk);
    }

    /** Fills the columns of every message stored without them, from the header each keeps; returns how many. */
    public static int backfill(Database database) throws MailboxException {
        int filled = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> unfilled = database.read(connection -> Sql.list(connection, UNFILLED,
                row -> new Object[] {row.getLong(1), row.getBytes(2)}, from));
            if (unfilled.isEmpty()) {
                break;
            }
            if (filled == 0) {
                LOGGER.info("Sorting fields: filling those of the messages stored before schema V20");
            }
            database.write(connection -> {
                for (Object[] message : unfilled) {
                    byte[] header = message[1] == null ? new byte[0] : (byte[]) message[1];
                    fill(connection, (Long) message[0], SortingHeaders.ofHeader(header));
                }
                return null;
            });
            filled += unfilled.size();
            after = (Long) unfilled.get(unfilled.size() - 1)[0];
        }
        if (filled > 0) {
            int entries = database.write(connection -> Sql.update(connection, UNCOPIED_ENTRIES));
            LOGGER.info("Sorting fields: {} messages filled, {} entries keyed after them", filled, entries);
        }
        return filled;
    }

    /** The fields of those of these UIDs that the mailbox holds, read over the span from the lowest to the highest. */
    public static Map<MessageUid, SortingFields> read(Connection connection, long mailboxId, Collection<MessageUid> uids)
            throws SQLException {
        Map<MessageUid, SortingFields> fields = new HashMap<>();
        if (uids.isEmpty()) {
            return fields;
        }
        long lowest = uids.stream().mapToLong(MessageUid::asLong).min().getAsLong();
        long highest = uids.stream().mapToLong(MessageUid::asLong).max().getAsLong();
        for (Map.Entry<MessageUid, SortingFields> row : Sql.list(connection, IN_SPAN, SortingColumns::row, mailboxId,
                lowest, highest)) {
            if (uids.contains(row.getKey())) {
                fields.put(row.getKey(), row.getValue());
            }
        }
        return fields;
    }

    /** Reads the columns of {@link #IN_SPAN} by position: by name, the driver looks each up again for every row. */
    private static Map.Entry<MessageUid, SortingFields> row(ResultSet row) throws SQLException {
        Instant arrival = Instant.ofEpochMilli(row.getLong(3));
        long sentMillis = row.getLong(5);
        Instant sent = row.wasNull() ? arrival : Instant.ofEpochMilli(sentMillis);
        String references = row.getString(9);
        return Map.entry(MessageUid.of(row.getLong(1)), new SortingFields(ModSeq.of(row.getLong(2)), arrival,
            row.getLong(4), sent, row.getString(6), row.getInt(7) == 1, Optional.ofNullable(row.getString(8)),
            references.isEmpty() ? List.of() : Arrays.asList(references.split(" ")),
            new SortingFields.Addresses(row.getString(10), row.getString(11), row.getString(12), row.getString(13),
                row.getString(14))));
    }
}
